package io.tokenjoule.account.split;

/**
 * How {@link PrefillDecodeFit} forgets, and when it trusts its fit enough to publish it.
 *
 * @param horizonSeconds the forgetting horizon (s): an interval's weight falls by a factor e for
 *     every {@code horizonSeconds} of intervals added after it, whatever their length
 * @param minEffectiveSamples the fewest {@link SplitEstimate#effectiveSamples()}, recent intervals
 *     with tokens, below which nothing is published; above 3, the number of coefficients
 * @param maxConditionNumber the largest condition number of the column-equilibrated information
 *     matrix (eigenvalue ratio, {@code >= 1}) at which the fit is published. It measures
 *     collinearity of {prompt rate, generated rate, 1}: a constant mix makes the two rates
 *     collinear, a constant load makes them collinear with 1, and either sends it towards infinity
 * @param maxRelativeStandardError the largest standard error of each coefficient (J per prefill
 *     token, J per decode token, static power), relative to the coefficient itself, at which they
 *     are published
 * @param outlierThreshold Huber's k: once the fit is published, an interval whose residual exceeds
 *     {@code k} residual standard deviations (of an interval of its length) is down-weighted by
 *     {@code k / |residual in deviations|}; {@code +Infinity} turns this off
 */
public record FitSettings(
    double horizonSeconds,
    double minEffectiveSamples,
    double maxConditionNumber,
    double maxRelativeStandardError,
    double outlierThreshold) {

  public FitSettings {
    if (!(horizonSeconds > 0) || Double.isInfinite(horizonSeconds)) {
      throw new IllegalArgumentException(
          "split fit horizon must be a finite number of seconds > 0, got " + horizonSeconds);
    }
    if (!(minEffectiveSamples > 3) || Double.isInfinite(minEffectiveSamples)) {
      throw new IllegalArgumentException(
          "split fit needs a finite minimum of effective samples > 3, got " + minEffectiveSamples);
    }
    if (!(maxConditionNumber >= 1)) {
      throw new IllegalArgumentException(
          "split fit maximum condition number must be >= 1, got " + maxConditionNumber);
    }
    if (!(maxRelativeStandardError > 0)) {
      throw new IllegalArgumentException(
          "split fit maximum relative standard error must be > 0, got " + maxRelativeStandardError);
    }
    if (!(outlierThreshold > 0)) {
      throw new IllegalArgumentException(
          "split fit outlier threshold must be > 0 (Infinity for none), got " + outlierThreshold);
    }
  }

  /**
   * One hour of memory; at least 30 effective intervals; condition number at most 10⁴ (condition
   * index 100); each coefficient known within 10% (one standard error); Huber's k = 3.
   */
  public static FitSettings defaults() {
    return new FitSettings(3600, 30, 1e4, 0.1, 3);
  }

  /** These settings with another forgetting horizon (s). */
  public FitSettings withHorizonSeconds(double seconds) {
    return new FitSettings(
        seconds,
        minEffectiveSamples,
        maxConditionNumber,
        maxRelativeStandardError,
        outlierThreshold);
  }
}
