package io.tokenjoule.scrape;

import java.util.Locale;

/** The two text formats a /metrics page comes in. */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4: integer millisecond timestamps, no {@code # EOF}. */
  PROMETHEUS_TEXT,
  /** OpenMetrics 1.0 text: float second timestamps, exemplars, ends with {@code # EOF}. */
  OPENMETRICS;

  /**
   * The format a response is in, judged by its {@code Content-Type} header.
   *
   * @param headerOrNull the header value, for example {@code application/openmetrics-text;
   *     version=1.0.0; charset=utf-8}; null when the response had none
   * @return {@link #OPENMETRICS} for {@code application/openmetrics-text}, {@link #PROMETHEUS_TEXT}
   *     for anything else (text/plain, unknown or missing)
   */
  public static ExpositionFormat fromContentType(String headerOrNull) {
    if (headerOrNull == null) {
      return PROMETHEUS_TEXT;
    }
    int semicolon = headerOrNull.indexOf(';');
    String mediaType = semicolon < 0 ? headerOrNull : headerOrNull.substring(0, semicolon);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/openmetrics-text")
        ? OPENMETRICS
        : PROMETHEUS_TEXT;
  }
}
