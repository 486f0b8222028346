package io.tokenjoule.simulate;

/**
 * A simulated GPU's power draw: idle watts plus watts per unit of load (or, for servers with a
 * {@link TokenEnergy}, watts per token), capped at the power limit as a real board's power
 * management would.
 */
public record PowerModel(double idleWatts, double wattsPerLoad, double powerLimitWatts) {

  public PowerModel {
    if (!(idleWatts >= 0) || !(wattsPerLoad >= 0) || !(powerLimitWatts > 0)) {
      throw new IllegalArgumentException(
          "power model needs idle >= 0, watts per load >= 0 and a limit > 0");
    }
  }

  /** Watts drawn at {@code load} in [0, 1]. */
  public double wattsAt(double load) {
    return wattsAt(load, 0);
  }

  /** Watts drawn at {@code load} in [0, 1] plus {@code tokenWatts} spent on tokens. */
  public double wattsAt(double load, double tokenWatts) {
    return Math.min(powerLimitWatts, idleWatts + wattsPerLoad * load + tokenWatts);
  }
}
