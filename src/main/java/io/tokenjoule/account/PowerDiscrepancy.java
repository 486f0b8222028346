package io.tokenjoule.account;

import java.util.ArrayDeque;

/**
 * One GPU's energy counter against its sampled power integrated over the same window, by the
 * trapezoid rule between ticks: {@code (E_counter − E_integrated) / E_integrated}. The counter
 * integrates in firmware and misses nothing; the sampled power is an average or an instant that the
 * trapezoid rule joins with straight lines, so a load that changes within a tick, or a board whose
 * power reading is off, shows here. A ratio needs the counter (not energy integrated from power in
 * the first place), a sampled power at every tick, and readings over at least half the window; a
 * reset, a failed reading or a missing sample starts it over. Holds one point per tick of the
 * window. Not thread-safe.
 */
final class PowerDiscrepancy {

  private final double windowSeconds;

  /** Per tick: time (s), counter total (J), integrated sampled power total (J). */
  private final ArrayDeque<double[]> points = new ArrayDeque<>();

  private double integratedJoules;

  PowerDiscrepancy(double windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  /**
   * Takes one tick's reading.
   *
   * @param counterJoules the reset-corrected counter total, or NaN when the energy does not come
   *     from a counter
   * @param sampledWatts the device's power reading this tick, NaN if none
   * @param continuous false after a reset or a gap: the points before no longer compare
   */
  void observe(double seconds, double counterJoules, double sampledWatts, boolean continuous) {
    if (!continuous || Double.isNaN(counterJoules) || !(sampledWatts >= 0)) {
      clear();
      if (Double.isNaN(counterJoules) || !(sampledWatts >= 0)) {
        return;
      }
    }
    double[] last = points.peekLast();
    if (last != null) {
      if (!(seconds > last[0])) {
        return;
      }
      integratedJoules += (last[3] + sampledWatts) / 2 * (seconds - last[0]);
    }
    points.addLast(new double[] {seconds, counterJoules, integratedJoules, sampledWatts});
    while (points.size() > 2 && seconds - secondOldest() >= windowSeconds) {
      points.removeFirst();
    }
  }

  void clear() {
    points.clear();
    integratedJoules = 0;
  }

  /** The relative difference over the window; NaN while not measurable. */
  double ratio() {
    if (points.size() < 2) {
      return Double.NaN;
    }
    double[] first = points.peekFirst();
    double[] last = points.peekLast();
    if (last[0] - first[0] < windowSeconds / 2) {
      return Double.NaN;
    }
    double integrated = last[2] - first[2];
    if (!(integrated > 0)) {
      return Double.NaN;
    }
    return (last[1] - first[1] - integrated) / integrated;
  }

  private double secondOldest() {
    var iterator = points.iterator();
    iterator.next();
    return iterator.next()[0];
  }
}
