package io.tokenjoule.scrape;

import java.util.Objects;

/**
 * Raw counters of one served model as an inference server reports them, summed over every label
 * other than the model (engine core, data-parallel rank, finish reason...). Counter values are
 * doubles because the exposition format carries floats; they are not yet reset-corrected.
 *
 * @param model the served model name
 * @param promptTokens prompt tokens served, a counter: every prompt token of the requests, whether
 *     computed or taken from a prefix cache, where the engine tells the two apart; else what the
 *     engine's prompt counter counts (see the README's table of engines)
 * @param generatedTokens tokens generated (decode), a counter
 * @param requests requests finished, a counter; NaN if the engine does not report it
 * @param runningRequests requests running right now, a gauge; NaN if not reported
 * @param cachedPromptTokens of {@code promptTokens}, those served from a prefix cache rather than
 *     computed, a counter; NaN when the engine does not tell them apart
 */
public record ModelCounters(
    String model,
    double promptTokens,
    double generatedTokens,
    double requests,
    double runningRequests,
    double cachedPromptTokens) {

  /** The model of samples that carry no model label. */
  public static final String UNKNOWN_MODEL = "unknown";

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
    if (!Double.isNaN(cachedPromptTokens)) {
      requireCounter("cachedPromptTokens", cachedPromptTokens);
    }
  }

  /** Counters of an engine that does not tell cached prompt tokens apart. */
  public ModelCounters(
      String model,
      double promptTokens,
      double generatedTokens,
      double requests,
      double runningRequests) {
    this(model, promptTokens, generatedTokens, requests, runningRequests, Double.NaN);
  }

  private static void requireCounter(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }
  }
}
