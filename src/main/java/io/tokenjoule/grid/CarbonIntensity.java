package io.tokenjoule.grid;

import java.util.Objects;

/**
 * The carbon intensity the agent uses at an instant, with where it came from.
 *
 * @param gramsPerKwh grid carbon intensity in gCO2e/kWh, finite and in [0, {@value
 *     #MAX_PLAUSIBLE_GRAMS_PER_KWH}]
 * @param provider {@value #STATIC}, {@value #SCHEDULE}, or the live provider's name ({@value
 *     ElectricityMapsProvider#NAME}, {@value UkCarbonIntensityProvider#NAME}); a live provider's
 *     name stays here while its static fallback is used, with {@code fallback} true
 * @param zone the grid zone the value is for (e.g. {@code DE}, {@code GB}); may be empty
 * @param ageSeconds seconds since a live value was received; 0 for static, schedule and fallback
 *     values
 * @param fallback true when a live provider's value is older than the allowed staleness, or none
 *     ever came, and the static fallback value is used instead
 * @param lastError the live provider's latest failure, or null when its latest fetch succeeded (or
 *     for static and schedule)
 */
public record CarbonIntensity(
    double gramsPerKwh,
    String provider,
    String zone,
    double ageSeconds,
    boolean fallback,
    String lastError) {

  /** Provider name of a configured constant. */
  public static final String STATIC = "static";

  /** Provider name of an hour-of-day schedule. */
  public static final String SCHEDULE = "schedule";

  /**
   * Above this a value is taken as an error rather than a grid (the dirtiest grids are near 1000
   * gCO2e/kWh).
   */
  public static final double MAX_PLAUSIBLE_GRAMS_PER_KWH = 5000;

  public CarbonIntensity {
    requirePlausible(gramsPerKwh, "gramsPerKwh");
    Objects.requireNonNull(provider, "provider");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
    Objects.requireNonNull(zone, "zone");
    if (!(ageSeconds >= 0) || Double.isInfinite(ageSeconds)) {
      throw new IllegalArgumentException("ageSeconds must be finite and >= 0, got " + ageSeconds);
    }
  }

  /**
   * Checks that {@code gramsPerKwh} is a value a grid can have.
   *
   * @throws IllegalArgumentException naming {@code what} when it is NaN, infinite, negative or
   *     above {@link #MAX_PLAUSIBLE_GRAMS_PER_KWH}
   */
  static void requirePlausible(double gramsPerKwh, String what) {
    String problem = implausibility(gramsPerKwh);
    if (problem != null) {
      throw new IllegalArgumentException(what + " " + problem);
    }
  }

  /** Why {@code gramsPerKwh} cannot be a grid's intensity, or null when it can. */
  static String implausibility(double gramsPerKwh) {
    if (!Double.isFinite(gramsPerKwh)) {
      return "must be a finite number of gCO2e/kWh, got " + gramsPerKwh;
    }
    if (gramsPerKwh < 0) {
      return "must not be negative, got " + gramsPerKwh + " gCO2e/kWh";
    }
    if (gramsPerKwh > MAX_PLAUSIBLE_GRAMS_PER_KWH) {
      return "must be at most "
          + (long) MAX_PLAUSIBLE_GRAMS_PER_KWH
          + " gCO2e/kWh, got "
          + gramsPerKwh;
    }
    return null;
  }
}
