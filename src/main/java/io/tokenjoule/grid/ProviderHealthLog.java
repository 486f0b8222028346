package io.tokenjoule.grid;

/**
 * Decides which changes of a live provider's health are worth a log line: the first value, the
 * first failure and each change of failure kind, the recovery, and the switches to and from the
 * static fallback; not every failed fetch, so a dead provider does not flood the log. Returns the
 * line, or null for nothing to log. Not thread-safe.
 */
final class ProviderHealthLog {

  private final String provider;
  private boolean everSucceeded;
  private IntensityFetchError failing;
  // The fallback is in use until the first value; the first value is announced by succeeded().
  private boolean onFallback = true;
  private boolean liveEverInUse;

  ProviderHealthLog(String provider) {
    this.provider = provider;
  }

  /** An info line for the first value and for a recovery, else null. */
  String succeeded(IntensityReading reading) {
    String line = null;
    if (!everSucceeded) {
      line = "grid carbon intensity from " + provider + ": " + describe(reading);
    } else if (failing != null) {
      line = "grid carbon intensity from " + provider + " is fetched again: " + describe(reading);
    }
    everSucceeded = true;
    failing = null;
    return line;
  }

  /** A warning line when the provider starts failing or fails for a new reason, else null. */
  String failed(IntensityFetchException failure) {
    if (failing == failure.error()) {
      return null;
    }
    failing = failure.error();
    return "grid carbon intensity from "
        + provider
        + " cannot be fetched: "
        + failure.error().label()
        + ": "
        + failure.getMessage();
  }

  /**
   * A line when the value in use switches to the static fallback, or back to a live value after
   * that; else null.
   */
  String inUse(CarbonIntensity value) {
    if (value.fallback() == onFallback) {
      return null;
    }
    onFallback = value.fallback();
    if (!onFallback && !liveEverInUse) {
      liveEverInUse = true;
      return null;
    }
    return onFallback
        ? "no fresh grid carbon intensity from "
            + provider
            + ": using the static fallback "
            + value.gramsPerKwh()
            + " gCO2e/kWh"
        : "grid carbon intensity from " + provider + " is in use again";
  }

  private static String describe(IntensityReading reading) {
    return reading.gramsPerKwh()
        + " gCO2e/kWh"
        + (reading.zone().isEmpty() ? "" : " in " + reading.zone())
        + " valid at "
        + reading.validAt();
  }
}
