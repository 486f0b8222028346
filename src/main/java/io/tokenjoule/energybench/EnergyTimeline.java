package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy samples over time, and the energy of any span with its bounds.
 *
 * <p>An energy counter does not move continuously: NVML's moves every ~100 ms, a tokenjoule agent's
 * once per tick (1 s). A reading taken at time {@code r} holds the energy up to the counter's last
 * update, some instant before {@code r}. So the timeline keeps the moments a new value was first
 * seen: the value was reached after the previous read (less the source's own staleness) and by the
 * read that showed it. Energy between two instants is then
 *
 * <ul>
 *   <li>estimated by linear interpolation between those moments (each placed in the middle of the
 *       interval it is known to lie in), thinned to at least the sampling period apart so power is
 *       never computed over an interval too short to mean anything;
 *   <li>bracketed, with no assumption but that energy never decreases: at instant {@code t} the
 *       energy is at least the value of the last read at or before {@code t}, and at most the first
 *       value known to have been reached at or after {@code t}.
 * </ul>
 *
 * Totals are joules since the first sample, made monotonic (a counter that goes down restarted from
 * zero, and its new value is the increase, as Prometheus's {@code rate()} reads it). Thread-safe:
 * the sampler adds while the progress line reads.
 */
public final class EnergyTimeline {

  /** One point: {@code joules} since the timeline's first sample, at {@code seconds}. */
  public record Point(double seconds, double joules) {}

  /**
   * The energy of a span: the estimate and the bounds the truth lies within.
   *
   * @param joules the interpolated estimate
   * @param lowJoules the least the span can have drawn given the samples
   * @param highJoules the most it can have drawn
   */
  public record Estimate(double joules, double lowJoules, double highJoules) {

    /** Joules either side of the estimate that hold the truth: the farther bound. */
    public double uncertaintyJoules() {
      return Math.max(joules - lowJoules, highJoules - joules);
    }

    /** {@link #uncertaintyJoules()} relative to the estimate; infinite when it is not > 0. */
    public double uncertaintyRatio() {
      return joules > 0 ? uncertaintyJoules() / joules : Double.POSITIVE_INFINITY;
    }
  }

  /** A value first seen at {@code seenSeconds}, reached after {@code afterSeconds}. */
  private record Change(double afterSeconds, double seenSeconds, double joules) {
    double estimatedSeconds() {
      return Double.isInfinite(afterSeconds) ? seenSeconds : (afterSeconds + seenSeconds) / 2;
    }
  }

  private final List<Point> reads = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();
  private final List<Point> thinned = new ArrayList<>();
  private final double powerIntervalSeconds;
  private final double stalenessSeconds;
  private double lastRaw;
  private double total;

  /**
   * @param powerIntervalSeconds the shortest interval power is computed over (the sampling period):
   *     samples taken between periodic ones, at the steady-state window's edges, make short
   *     intervals whose power would be noise
   * @param stalenessSeconds how old the source's value may already be when it is published (0 for a
   *     counter read directly; the GPU counter's update period behind an agent)
   */
  public EnergyTimeline(double powerIntervalSeconds, double stalenessSeconds) {
    if (!(powerIntervalSeconds >= 0) || !(stalenessSeconds >= 0)) {
      throw new IllegalArgumentException("the power interval and staleness must be >= 0 s");
    }
    this.powerIntervalSeconds = powerIntervalSeconds;
    this.stalenessSeconds = stalenessSeconds;
  }

  public EnergyTimeline(double powerIntervalSeconds) {
    this(powerIntervalSeconds, 0);
  }

  /** Adds a reading; one not newer than the last is ignored. */
  public synchronized void add(EnergyMeter.Reading reading) {
    double seconds = reading.timestampSeconds();
    if (!reads.isEmpty()) {
      Point last = reads.get(reads.size() - 1);
      if (seconds <= last.seconds()) {
        return;
      }
      double raw = reading.joules();
      total += raw >= lastRaw ? raw - lastRaw : raw;
      if (total > last.joules()) {
        addChange(new Change(last.seconds() - stalenessSeconds, seconds, total));
      }
    } else {
      addChange(new Change(Double.NEGATIVE_INFINITY, seconds, 0));
    }
    lastRaw = reading.joules();
    reads.add(new Point(seconds, total));
  }

  private void addChange(Change change) {
    if (changes.size() == 1) {
      // When the first value was reached is unknown; place it as far before its read as the next
      // value is placed before the read that showed it.
      Change first = changes.get(0);
      double lead = (change.seenSeconds() - change.afterSeconds()) / 2;
      thinned.set(0, new Point(first.seenSeconds() - lead, first.joules()));
    }
    changes.add(change);
    Point point = new Point(change.estimatedSeconds(), change.joules());
    if (thinned.isEmpty()
        || point.seconds() - thinned.get(thinned.size() - 1).seconds()
            >= 0.9 * powerIntervalSeconds) {
      thinned.add(point);
    }
  }

  /** Every reading as taken: read time and total. */
  public synchronized List<Point> reads() {
    return List.copyOf(reads);
  }

  /** The points energy is interpolated through: when each value was reached, as estimated. */
  public synchronized List<Point> points() {
    return List.copyOf(thinned);
  }

  /**
   * Whether {@code [from, to]} can be measured: a read lies at or before {@code from}, a value is
   * known to have been reached at or after {@code to}, and the estimate's points surround both.
   */
  public synchronized boolean covers(double from, double to) {
    return !thinned.isEmpty()
        && thinned.get(0).seconds() <= from
        && thinned.get(thinned.size() - 1).seconds() >= to
        && !reads.isEmpty()
        && reads.get(0).seconds() <= from
        && upperBoundAt(to) >= 0;
  }

  /** Whether a value is known to have been reached at or after {@code seconds}. */
  public synchronized boolean boundedAfter(double seconds) {
    return upperBoundAt(seconds) >= 0 && thinned.get(thinned.size() - 1).seconds() >= seconds;
  }

  /** The energy between two instants; null when the samples do not cover them. */
  public synchronized Estimate between(double from, double to) {
    if (!covers(from, to)) {
      return null;
    }
    double estimate = interpolated(to) - interpolated(from);
    double low = Math.max(0, lowerBoundAt(to) - upperBoundAt(from));
    double high = upperBoundAt(to) - lowerBoundAt(from);
    return new Estimate(estimate, low, high);
  }

  /** Joules between two instants, estimated; NaN when the samples do not cover them. */
  public synchronized double joulesBetween(double from, double to) {
    Estimate estimate = between(from, to);
    return estimate == null ? Double.NaN : estimate.joules();
  }

  /**
   * The highest power over the interpolation's intervals that overlap [from, to], watts; NaN if
   * none. The estimate of any span is a time-weighted mean of these, so its mean power never
   * exceeds this.
   */
  public synchronized double peakWatts(double from, double to) {
    double peak = Double.NaN;
    for (double[] interval : power(thinned, 0)) {
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

  /** The power over recent points at least {@code spanSeconds} apart, watts; NaN before two. */
  public synchronized double recentWatts(double spanSeconds) {
    if (thinned.size() < 2) {
      return Double.NaN;
    }
    Point last = thinned.get(thinned.size() - 1);
    for (int i = thinned.size() - 2; i >= 0; i--) {
      Point earlier = thinned.get(i);
      if (last.seconds() - earlier.seconds() >= spanSeconds || i == 0) {
        return (last.joules() - earlier.joules()) / (last.seconds() - earlier.seconds());
      }
    }
    return Double.NaN;
  }

  /** The total of the last read at or before {@code seconds}: the energy is at least this. */
  private double lowerBoundAt(double seconds) {
    int i = lastAtOrBefore(reads, seconds);
    return i < 0 ? Double.NaN : reads.get(i).joules();
  }

  /**
   * The first value known to have been reached at or after {@code seconds} (the read before it came
   * after that instant): the energy at {@code seconds} is at most this; -1 if none yet.
   */
  private double upperBoundAt(double seconds) {
    int low = 0;
    int high = changes.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (changes.get(mid).afterSeconds() >= seconds) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low < changes.size() ? changes.get(low).joules() : -1;
  }

  private double interpolated(double seconds) {
    int low = Math.max(0, lastAtOrBefore(thinned, seconds));
    int high = Math.min(thinned.size() - 1, low + 1);
    Point a = thinned.get(low);
    Point b = thinned.get(high);
    if (b.seconds() == a.seconds()) {
      return a.joules();
    }
    double fraction = (seconds - a.seconds()) / (b.seconds() - a.seconds());
    return a.joules() + Math.max(0, Math.min(1, fraction)) * (b.joules() - a.joules());
  }

  private static int lastAtOrBefore(List<Point> points, double seconds) {
    int low = 0;
    int high = points.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (points.get(mid).seconds() <= seconds) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low - 1;
  }
}
