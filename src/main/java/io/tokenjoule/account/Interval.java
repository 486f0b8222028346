package io.tokenjoule.account;

/**
 * The span between two consecutive anchors of one server. Energy and tokens both come from counters
 * read at the same two anchors, so they cover the same span however long it is.
 */
record Interval(Anchor start, Anchor end) {

  /**
   * Valid when no GPU's energy counter restarted and no model appeared between the two anchors, and
   * a token or request counter that restarted did so while the server was down: across an
   * energy-counter restart the energy in between is unknown, and a new model's first reading is not
   * an increase.
   *
   * <p>A server restart is judged by whether scrapes failed between the anchors. One that came back
   * between two good scrapes is dropped: what it made between the first scrape and the restart was
   * never counted, so the interval's tokens are unknown, and leaving out one interval of steady
   * running biases nothing. One that was down for a while is bridged: its new raw value is what it
   * counted since it came back, and the energy in between, the time it was down included, is still
   * known; dropping that would leave the downtime's energy out of J/token while the server's own
   * energy and counters keep it. The tokens lost at the restart are at most one scrape interval's.
   */
  boolean valid() {
    return start.gpuResets() == end.gpuResets()
        && start.modelCount() == end.modelCount()
        && (!bridgesCounterRestart() || serverWasDown());
  }

  /** Whether a token or request counter restarted between the two anchors. */
  boolean bridgesCounterRestart() {
    return start.counterResets() != end.counterResets();
  }

  /** Whether a scrape of the server failed between the two anchors. */
  private boolean serverWasDown() {
    return start.failedScrapes() != end.failedScrapes();
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

  /** Prompt tokens computed, not served from a prefix cache; see {@link Anchor}. */
  double computedPromptTokens() {
    return end.computedPromptTokens() - start.computedPromptTokens();
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
