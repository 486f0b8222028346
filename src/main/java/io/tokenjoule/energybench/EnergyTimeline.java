package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy samples over time: seconds on the monotonic clock and joules since the first sample, made
 * monotonic (a counter that goes down restarted from zero, and its new value is the increase, as
 * Prometheus's {@code rate()} reads it). Energy between two instants is interpolated linearly
 * between the samples around them. Thread-safe: the sampler adds while the progress line reads.
 */
public final class EnergyTimeline {

  /** One sample: {@code joules} since the timeline's first sample, at {@code seconds}. */
  public record Point(double seconds, double joules) {}

  private final List<Point> points = new ArrayList<>();
  private final double powerIntervalSeconds;
  private double lastRaw;
  private double total;

  /**
   * @param powerIntervalSeconds the shortest interval power is computed over (the sampling period):
   *     samples taken between periodic ones, at the steady-state window's edges, make short
   *     intervals whose power would be noise
   */
  public EnergyTimeline(double powerIntervalSeconds) {
    if (!(powerIntervalSeconds >= 0)) {
      throw new IllegalArgumentException("the power interval must be >= 0 s");
    }
    this.powerIntervalSeconds = powerIntervalSeconds;
  }

  /** Adds a reading; one older than the last is ignored. */
  public synchronized void add(EnergyMeter.Reading reading) {
    if (!points.isEmpty()) {
      if (reading.timestampSeconds() <= points.get(points.size() - 1).seconds()) {
        return;
      }
      double raw = reading.joules();
      total += raw >= lastRaw ? raw - lastRaw : raw;
    }
    lastRaw = reading.joules();
    points.add(new Point(reading.timestampSeconds(), total));
  }

  public synchronized List<Point> points() {
    return List.copyOf(points);
  }

  /** Whether samples lie at or before {@code from} and at or after {@code to}. */
  public synchronized boolean covers(double from, double to) {
    return !points.isEmpty()
        && points.get(0).seconds() <= from
        && points.get(points.size() - 1).seconds() >= to;
  }

  /** Joules between two instants; NaN when the samples do not cover them. */
  public synchronized double joulesBetween(double from, double to) {
    if (!covers(from, to)) {
      return Double.NaN;
    }
    return joulesAt(to) - joulesAt(from);
  }

  /**
   * The highest power in {@link #power} over intervals that overlap [from, to], watts; NaN if none.
   */
  public synchronized double peakWatts(double from, double to) {
    double peak = Double.NaN;
    for (double[] interval : power(points, powerIntervalSeconds)) {
      if (interval[1] > from && interval[0] < to) {
        peak = Double.isNaN(peak) ? interval[2] : Math.max(peak, interval[2]);
      }
    }
    return peak;
  }

  /**
   * Power over consecutive intervals of at least {@code minSeconds}, merging shorter ones with the
   * next: each entry is {start seconds, end seconds, watts}.
   */
  public static List<double[]> power(List<Point> points, double minSeconds) {
    List<double[]> intervals = new ArrayList<>();
    if (points.isEmpty()) {
      return intervals;
    }
    Point from = points.get(0);
    for (int i = 1; i < points.size(); i++) {
      Point to = points.get(i);
      double seconds = to.seconds() - from.seconds();
      if (seconds >= 0.9 * minSeconds && seconds > 0) {
        intervals.add(
            new double[] {from.seconds(), to.seconds(), (to.joules() - from.joules()) / seconds});
        from = to;
      }
    }
    return intervals;
  }

  /** The power over recent samples at least {@code spanSeconds} apart, watts; NaN before two. */
  public synchronized double recentWatts(double spanSeconds) {
    if (points.size() < 2) {
      return Double.NaN;
    }
    Point last = points.get(points.size() - 1);
    for (int i = points.size() - 2; i >= 0; i--) {
      Point earlier = points.get(i);
      if (last.seconds() - earlier.seconds() >= spanSeconds || i == 0) {
        return (last.joules() - earlier.joules()) / (last.seconds() - earlier.seconds());
      }
    }
    return Double.NaN;
  }

  private double joulesAt(double seconds) {
    int low = 0;
    int high = points.size() - 1;
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (points.get(mid).seconds() <= seconds) {
        low = mid;
      } else {
        high = mid;
      }
    }
    Point a = points.get(low);
    Point b = points.get(high);
    if (b.seconds() == a.seconds()) {
      return a.joules();
    }
    double fraction = (seconds - a.seconds()) / (b.seconds() - a.seconds());
    return a.joules() + Math.max(0, Math.min(1, fraction)) * (b.joules() - a.joules());
  }
}
