package io.tokenjoule.simulate;

/**
 * What a simulated server really did over an interval: the energy its GPUs burnt on its behalf and
 * the tokens it really produced, with no counter quantisation.
 */
public record GroundTruth(
    double fromSeconds,
    double toSeconds,
    double energyJoules,
    double promptTokens,
    double generatedTokens) {

  /** Joules per generated token; NaN when none were generated. */
  public double joulesPerGeneratedToken() {
    return generatedTokens > 0 ? energyJoules / generatedTokens : Double.NaN;
  }

  /** Joules per token, prompt and generated; NaN when there were none. */
  public double joulesPerToken() {
    double tokens = promptTokens + generatedTokens;
    return tokens > 0 ? energyJoules / tokens : Double.NaN;
  }
}
