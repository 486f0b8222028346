package io.tokenjoule.scrape;

/** A page that parsed but lacks a counter the engine profile needs. */
public final class MissingMetricsException extends Exception {
  public MissingMetricsException(String message) {
    super(message);
  }
}
