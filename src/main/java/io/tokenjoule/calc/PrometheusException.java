package io.tokenjoule.calc;

/**
 * Prometheus could not answer a query, or answered without the data asked for. The message is one
 * sentence for a person: what failed, at which URL, and where known, what to check.
 */
public final class PrometheusException extends Exception {

  private static final long serialVersionUID = 1L;

  public PrometheusException(String message) {
    super(message);
  }

  public PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
