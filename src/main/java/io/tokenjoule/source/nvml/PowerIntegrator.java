package io.tokenjoule.source.nvml;

/**
 * Energy from sampled power, for GPUs without an energy counter: the trapezoid rule over
 * consecutive samples, accumulated from 0 J. Not thread-safe.
 *
 * <p>Sampled power lags and misses transients, so this is an estimate; the reading says so through
 * {@link io.tokenjoule.source.EnergyMethod#POWER_INTEGRATION}.
 */
final class PowerIntegrator {

  private double joules;
  private double lastSeconds = Double.NaN;
  private double lastWatts = Double.NaN;
  private double lastIntervalSeconds;

  /**
   * Adds the area between the previous sample and this one and returns the total so far, joules.
   * The first sample (and the first after {@link #forgetLastSample()}) adds nothing. A sample not
   * later than the previous one adds nothing either.
   *
   * @param seconds when the power was sampled, on the monotonic clock
   * @param watts the sampled power, finite and {@code >= 0}
   */
  double add(double seconds, double watts) {
    if (!(watts >= 0) || Double.isInfinite(watts)) {
      throw new IllegalArgumentException("power must be finite and >= 0, got " + watts);
    }
    double interval = seconds - lastSeconds;
    if (interval > 0) {
      joules += (lastWatts + watts) / 2 * interval;
      lastIntervalSeconds = interval;
    } else {
      lastIntervalSeconds = 0;
    }
    lastSeconds = seconds;
    lastWatts = watts;
    return joules;
  }

  /** The interval the last {@link #add} integrated over, seconds; 0 if it integrated nothing. */
  double lastIntervalSeconds() {
    return lastIntervalSeconds;
  }

  /**
   * Starts a new stretch after a gap in which the GPU could not be read: the gap is not integrated
   * (its power is unknown), the total is kept.
   */
  void forgetLastSample() {
    lastSeconds = Double.NaN;
    lastWatts = Double.NaN;
  }
}
