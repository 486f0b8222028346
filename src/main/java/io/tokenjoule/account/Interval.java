package io.tokenjoule.account;

/**
 * The span between two consecutive anchors of one server. Energy and tokens both come from counters
 * read at the same two anchors, so they cover the same span however long it is.
 */
record Interval(Anchor start, Anchor end) {

  /**
   * Valid when no counter restarted (energy of any of the server's GPUs, any token or request
   * counter of any model) and no model appeared between the two anchors. A reset-corrected counter
   * counts a restart's new raw value as its increase, which is right for totals but would pair
   * energy and tokens from different spans; such an interval is dropped whole instead.
   */
  boolean valid() {
    return start.gpuResets() == end.gpuResets()
        && start.counterResets() == end.counterResets()
        && start.modelCount() == end.modelCount();
  }

  /**
   * No tokens, and no request running at either end. An engine that does not report running
   * requests is judged by its tokens alone.
   */
  boolean idle() {
    return promptTokens() == 0
        && generatedTokens() == 0
        && !(start.runningRequests() > 0)
        && !(end.runningRequests() > 0);
  }

  /** Whether this interval starts at the anchor where {@code previous} ended. */
  boolean follows(Interval previous) {
    return previous.end().sequence() == start.sequence();
  }

  double endSeconds() {
    return end.timestampSeconds();
  }

  double durationSeconds() {
    return end.timestampSeconds() - start.timestampSeconds();
  }

  double energyJoules() {
    return end.energyJoules() - start.energyJoules();
  }

  double promptTokens() {
    return end.promptTokens() - start.promptTokens();
  }

  double generatedTokens() {
    return end.generatedTokens() - start.generatedTokens();
  }

  /** NaN when either end lacks requests. */
  double requests() {
    return end.requests() - start.requests();
  }

  /**
   * Request-seconds of concurrency over the interval, by the trapezoid rule between the running
   * requests at its two ends; NaN when either end lacks them.
   */
  double runningRequestSeconds() {
    return (start.runningRequests() + end.runningRequests()) / 2 * durationSeconds();
  }
}
