package io.tokenjoule.grid;

import java.util.Objects;

/**
 * What a live provider last said, and whether it is still fresh enough to use. Pure: time is passed
 * in as wall-clock epoch seconds. Not thread-safe; {@link LiveIntensityPoller} guards it.
 *
 * <p>The live value is used while its age (seconds since it was received, not since its {@code
 * validAt}: Electricity Maps' latest value is dated at the start of its hour) is at most {@code
 * maxStalenessSeconds}. A failure never drops it: it stays in use, ageing, until stale; then, or
 * before any value came, the static fallback is used with {@code fallback} true. A reading dated
 * before the one held is ignored (a late answer, or a provider serving an older cache); one dated
 * the same replaces it, since a provider revises its latest value within the hour.
 */
public final class LiveIntensityTracker {

  private final String provider;
  private final String configuredZone;
  private final double fallbackGramsPerKwh;
  private final double maxStalenessSeconds;

  private IntensityReading held;
  private double receivedAtEpochSeconds;
  private String lastError;
  private double failingSinceEpochSeconds = Double.NaN;

  /**
   * @param provider the live provider's name, reported with every value
   * @param configuredZone the zone reported until a reading names one; may be empty
   * @param fallbackGramsPerKwh gCO2e/kWh used when there is no fresh live value
   * @param maxStalenessSeconds how old a live value may get and still be used, >= 0
   */
  public LiveIntensityTracker(
      String provider,
      String configuredZone,
      double fallbackGramsPerKwh,
      double maxStalenessSeconds) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.configuredZone = Objects.requireNonNull(configuredZone, "configuredZone");
    CarbonIntensity.requirePlausible(fallbackGramsPerKwh, "fallback grams_per_kwh");
    if (!(maxStalenessSeconds >= 0) || Double.isInfinite(maxStalenessSeconds)) {
      throw new IllegalArgumentException(
          "maxStalenessSeconds must be finite and >= 0, got " + maxStalenessSeconds);
    }
    this.fallbackGramsPerKwh = fallbackGramsPerKwh;
    this.maxStalenessSeconds = maxStalenessSeconds;
  }

  /**
   * Takes a reading received at {@code nowEpochSeconds}, and clears the last error.
   *
   * @return false when the reading was ignored because the one held is dated later
   */
  public boolean accept(IntensityReading reading, double nowEpochSeconds) {
    Objects.requireNonNull(reading, "reading");
    if (held != null && reading.validAt().isBefore(held.validAt())) {
      return false;
    }
    held = reading;
    receivedAtEpochSeconds = nowEpochSeconds;
    lastError = null;
    failingSinceEpochSeconds = Double.NaN;
    return true;
  }

  /** Records a failed fetch at {@code nowEpochSeconds}; the value held, if any, is kept. */
  public void reject(String reason, double nowEpochSeconds) {
    lastError = Objects.requireNonNull(reason, "reason");
    if (Double.isNaN(failingSinceEpochSeconds)) {
      failingSinceEpochSeconds = nowEpochSeconds;
    }
  }

  /** The value to use at {@code nowEpochSeconds}. */
  public CarbonIntensity current(double nowEpochSeconds) {
    if (held != null) {
      // The wall clock can step back; a value is never younger than just received.
      double age = Math.max(0, nowEpochSeconds - receivedAtEpochSeconds);
      if (age <= maxStalenessSeconds) {
        return new CarbonIntensity(held.gramsPerKwh(), provider, zone(), age, false, lastError);
      }
    }
    return new CarbonIntensity(fallbackGramsPerKwh, provider, zone(), 0, true, lastError);
  }

  /**
   * When the current run of failures began (epoch seconds), or NaN when the latest fetch succeeded
   * or none failed yet.
   */
  public double failingSinceEpochSeconds() {
    return failingSinceEpochSeconds;
  }

  private String zone() {
    return held != null && !held.zone().isEmpty() ? held.zone() : configuredZone;
  }
}
