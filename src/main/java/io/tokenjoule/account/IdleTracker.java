package io.tokenjoule.account;

/**
 * Classifies a server's intervals as idle or busy and keeps its idle energy and power. Not
 * thread-safe.
 */
final class IdleTracker {

  private final double stretchSeconds;
  private double energyJoulesTotal;
  private double stretchEnergyJoules;
  private double stretchDurationSeconds;
  private boolean inStretch;
  private double powerWatts = Double.NaN;

  /**
   * @param stretchSeconds how much of the latest idle stretch the idle power averages, at most
   */
  IdleTracker(double stretchSeconds) {
    this.stretchSeconds = stretchSeconds;
  }

  /** Takes the next valid interval of the server. */
  void add(Interval interval) {
    if (!interval.idle()) {
      inStretch = false;
      return;
    }
    energyJoulesTotal += interval.energyJoules();
    if (!inStretch || stretchDurationSeconds >= stretchSeconds) {
      stretchEnergyJoules = 0;
      stretchDurationSeconds = 0;
      inStretch = true;
    }
    stretchEnergyJoules += interval.energyJoules();
    stretchDurationSeconds += interval.durationSeconds();
    powerWatts = stretchEnergyJoules / stretchDurationSeconds;
  }

  IdleStats stats() {
    return new IdleStats(energyJoulesTotal, powerWatts);
  }
}
