package io.tokenjoule.scrape;

/** Why a scrape failed; the label value of {@code tokenjoule_scrape_errors_total{reason}}. */
public enum ScrapeError {
  /** Connection refused, reset, or the host could not be resolved. */
  CONNECTION("connection"),
  /** No complete answer within the scrape timeout. */
  TIMEOUT("timeout"),
  /** The server answered with a status other than 200. */
  HTTP_STATUS("http_status"),
  /** The page was larger than the configured maximum. */
  BODY_TOO_LARGE("body_too_large"),
  /**
   * The body's Content-Encoding is not one the agent decodes, or its bytes are not in that
   * encoding.
   */
  ENCODING("encoding"),
  /** The page had more sample lines than the configured maximum. */
  TOO_MANY_SERIES("too_many_series"),
  /** The page ended early: no {@code # EOF}, or a last line without its newline. */
  TRUNCATED("truncated"),
  /** The page parsed but lacked a counter the engine profile needs. */
  MISSING_METRICS("missing_metrics"),
  /**
   * A counter no server could have produced: past 2^53, or rising faster than {@code
   * scrape.max_tokens_per_second}. The reading is kept out of the accounting.
   */
  IMPLAUSIBLE_COUNTER("implausible_counter"),
  /** A bug in the agent while reading the page; reported, never fatal. */
  INTERNAL("internal_error");

  private final String label;

  ScrapeError(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
