package io.tokenjoule.grid;

/** Why a live provider gave no reading; {@link #label()} suits a metric's {@code reason}. */
public enum IntensityFetchError {
  /** Connection refused or reset, or the host could not be resolved. */
  CONNECTION("connection"),
  /** No complete answer within the timeout. */
  TIMEOUT("timeout"),
  /** The provider answered with a status other than 200 (bad token, rate limit, outage). */
  HTTP_STATUS("http_status"),
  /** The answer was larger than the configured maximum. */
  BODY_TOO_LARGE("body_too_large"),
  /** The answer was not JSON, or not of the documented shape. */
  BAD_RESPONSE("bad_response"),
  /** The answer was well formed but its value cannot be a grid's (negative, non-finite, huge). */
  IMPLAUSIBLE_VALUE("implausible_value");

  private final String label;

  IntensityFetchError(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
