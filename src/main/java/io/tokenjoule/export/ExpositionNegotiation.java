package io.tokenjoule.export;

/**
 * Picks the exposition format for a scrape from its {@code Accept} header: OpenMetrics 1.0 when the
 * client prefers it (Prometheus asks for it by default), text 0.0.4 otherwise.
 */
final class ExpositionNegotiation {

  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private ExpositionNegotiation() {}

  /** The content type to answer with; never null. */
  static String choose(String accept) {
    if (accept == null) {
      return TEXT;
    }
    double openMetrics = -1;
    double text = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      double quality = quality(parts);
      boolean omVersionOk = true;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
        if (parameter.startsWith("version=")) {
          omVersionOk = parameter.equals("version=1.0.0") || parameter.equals("version=0.0.1");
        }
      }
      if (type.equals("application/openmetrics-text") && omVersionOk) {
        openMetrics = Math.max(openMetrics, quality);
      } else if (type.equals("text/plain") || type.equals("*/*") || type.equals("text/*")) {
        text = Math.max(text, quality);
      }
    }
    return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : TEXT;
  }

  /** True when {@code Accept-Encoding} accepts gzip (by name or {@code *}, with q above 0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    double gzip = -1;
    double any = -1;
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.trim().split(";");
      String name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (name.equals("gzip") || name.equals("x-gzip")) {
        gzip = Math.max(gzip, quality(parts));
      } else if (name.equals("*")) {
        any = quality(parts);
      }
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
