package io.tokenjoule.proxy;

/** How a proxied inference request ended: the {@code outcome} label. */
public enum RequestOutcome {
  /** Answered, and the server reported the tokens. */
  OK("ok"),
  /** Answered without a usage report: generated tokens estimated as streamed chunks. */
  ESTIMATED("estimated"),
  /** Answered, but in a form the proxy could not read (malformed JSON or SSE): no tokens. */
  UNMETERED("unmetered"),
  /** The server answered with an HTTP error status. */
  HTTP_ERROR("http_error"),
  /** The server could not be reached, did not answer in time, or broke off its answer. */
  UPSTREAM_FAILED("upstream_failed"),
  /** The client went away before the answer ended; the upstream request was cancelled. */
  CLIENT_CLOSED("client_closed"),
  /** The request body was larger than the limit, and was refused with 413. */
  TOO_LARGE("too_large");

  private final String label;

  RequestOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
