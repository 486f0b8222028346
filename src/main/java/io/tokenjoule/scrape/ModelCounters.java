package io.tokenjoule.scrape;

import java.util.Objects;

/**
 * Raw counters of one served model as an inference server reports them, summed over every label
 * other than the model (engine core, data-parallel rank, finish reason...). Counter values are
 * doubles because the exposition format carries floats; they are not yet reset-corrected.
 *
 * @param model the served model name
 * @param promptTokens prompt (prefill) tokens processed, a counter
 * @param generatedTokens tokens generated (decode), a counter
 * @param requests requests finished, a counter; NaN if the engine does not report it
 * @param runningRequests requests running right now, a gauge; NaN if not reported
 */
public record ModelCounters(
    String model,
    double promptTokens,
    double generatedTokens,
    double requests,
    double runningRequests) {

  public ModelCounters {
    Objects.requireNonNull(model, "model");
    requireCounter("promptTokens", promptTokens);
    requireCounter("generatedTokens", generatedTokens);
    if (!Double.isNaN(requests)) {
      requireCounter("requests", requests);
    }
    if (!Double.isNaN(runningRequests)) {
      requireCounter("runningRequests", runningRequests);
    }
  }

  private static void requireCounter(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }
  }
}
