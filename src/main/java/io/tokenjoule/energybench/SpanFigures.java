package io.tokenjoule.energybench;

import java.util.List;

/**
 * Energy and tokens over one span of time, and the figures derived from them. Generated tokens
 * count when their chunk arrived (a request's {@code usage.completion_tokens} spread over its text
 * chunks in whole tokens); prompt tokens count when the first chunk arrived, prefill being done by
 * then. Token counts are whole numbers. Only successful requests bring tokens; energy is everything
 * the GPUs drew, idle included.
 *
 * @param fromSeconds start of the span, monotonic clock
 * @param toSeconds end of the span, monotonic clock
 * @param energy GPU energy in the span with its bounds; null when the samples do not cover it
 * @param promptTokens prompt tokens in the span
 * @param generatedTokens generated tokens in the span
 * @param tokensPerRequest mean prompt + generated tokens of a successful request, over the run
 * @param peakWatts highest power between two energy samples in the span
 */
public record SpanFigures(
    double fromSeconds,
    double toSeconds,
    EnergyTimeline.Estimate energy,
    long promptTokens,
    long generatedTokens,
    double tokensPerRequest,
    double peakWatts) {

  public static SpanFigures of(
      double from, double to, EnergyTimeline timeline, List<RequestOutcome> outcomes) {
    long prompt = 0;
    long generated = 0;
    long runTokens = 0;
    int succeeded = 0;
    for (RequestOutcome outcome : outcomes) {
      if (!outcome.succeeded()) {
        continue;
      }
      succeeded++;
      runTokens += outcome.promptTokens() + outcome.completionTokens();
      if (within(outcome.firstTokenSeconds(), from, to)
          || (outcome.chunkSeconds().length == 0 && within(outcome.endSeconds(), from, to))) {
        prompt += outcome.promptTokens();
      }
      double[] chunks = outcome.chunkSeconds();
      for (int j = 0; j < chunks.length; j++) {
        if (within(chunks[j], from, to)) {
          generated += outcome.tokensOfChunk(j);
        }
      }
    }
    return new SpanFigures(
        from,
        to,
        timeline.between(from, to),
        prompt,
        generated,
        succeeded == 0 ? Double.NaN : (double) runTokens / succeeded,
        timeline.peakWatts(from, to));
  }

  private static boolean within(double t, double from, double to) {
    return t >= from && t <= to;
  }

  public double seconds() {
    return toSeconds - fromSeconds;
  }

  /** The estimated joules; NaN when the samples do not cover the span. */
  public double energyJoules() {
    return energy == null ? Double.NaN : energy.joules();
  }

  /** Joules either side of {@link #energyJoules()} that hold the truth; NaN when not covered. */
  public double energyUncertaintyJoules() {
    return energy == null ? Double.NaN : energy.uncertaintyJoules();
  }

  /** The uncertainty relative to the energy: it applies as it is to every J/token figure. */
  public double energyUncertaintyRatio() {
    return energy == null ? Double.POSITIVE_INFINITY : energy.uncertaintyRatio();
  }

  public long tokens() {
    return promptTokens + generatedTokens;
  }

  public double joulesPerGeneratedToken() {
    return energyJoules() / generatedTokens;
  }

  /** Joules per token, prompt and generated together. */
  public double joulesPerToken() {
    return energyJoules() / tokens();
  }

  /** {@link #joulesPerToken()} times the tokens of a mean request. */
  public double joulesPerRequest() {
    return joulesPerToken() * tokensPerRequest;
  }

  public double generatedTokensPerSecond() {
    return (double) generatedTokens / seconds();
  }

  public double tokensPerSecond() {
    return (double) tokens() / seconds();
  }

  public double meanWatts() {
    return energyJoules() / seconds();
  }

  /** Generated tokens per second per watt: generated tokens per joule. */
  public double generatedTokensPerSecondPerWatt() {
    return generatedTokens / energyJoules();
  }
}
