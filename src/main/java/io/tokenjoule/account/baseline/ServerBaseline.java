package io.tokenjoule.account.baseline;

import io.tokenjoule.account.WindowState;
import io.tokenjoule.account.WindowStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One server's load-aware baseline of J per generated token.
 *
 * <p>J/token falls several-fold from batch 1 to large batches on the same GPU, so a single baseline
 * would flag every quiet hour. Instead each sample is filed under its {@link LoadBucket} (mean
 * concurrency, log2 scale), and within a bucket under a time slot of {@link
 * BaselineSettings#slotSeconds()}. A slot's value is the ratio of sums of its samples; a bucket's
 * baseline is the median slot over the horizon once it has {@link BaselineSettings#minSlots()}
 * slots (see {@link BucketBaseline}). The median makes it robust: a regression moves the baseline
 * only once it fills half the bucket's slots, that is after it has lasted about half the horizon at
 * that load; one bad slot never moves it.
 *
 * <p>A window becomes a sample when at least the sample period has passed since the last sample (or
 * the wall clock went back), and it is a good window: known concurrency, enough generated tokens,
 * positive energy, error bound within the maximum. A window that fails is skipped without moving
 * the sampling clock, so the next good window counts. Only a {@linkplain WindowState#STEADY steady}
 * window is learnt from or judged: one in which the load started or stopped mixes idle energy into
 * its J/token by design, and would teach the baseline, or flag, a transition.
 *
 * <p>Pure: time is passed in as epoch seconds (wall clock, so a persisted baseline survives a
 * restart), no I/O. Not thread-safe: call from one thread; {@link #state()} returns an immutable
 * copy another thread may persist.
 */
public final class ServerBaseline {

  /** A tick that lands this little before the sample period is up still counts as due. */
  private static final double SAMPLE_PERIOD_SLACK_SECONDS = 1e-3;

  private final BaselineSettings settings;
  private final TreeMap<LoadBucket, TreeMap<Long, Slot>> buckets = new TreeMap<>();
  private double lastSampleEpochSeconds = Double.NaN;

  public ServerBaseline(BaselineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * A baseline that continues from {@code state}: its views equal those of the baseline that
   * produced it. Slots are filed again under these settings' slot length by their first sample's
   * time, so a changed slot length merges them or keeps them whole rather than losing them; slots
   * beyond the horizon no longer count.
   */
  public static ServerBaseline restore(BaselineSettings settings, BaselineState state) {
    ServerBaseline baseline = new ServerBaseline(settings);
    baseline.lastSampleEpochSeconds = state.lastSampleEpochSeconds();
    for (SlotState saved : state.slots()) {
      baseline
          .slotsOf(saved.bucket())
          .computeIfAbsent(baseline.slotKey(saved.firstSampleEpochSeconds()), Slot::new)
          .merge(saved);
    }
    return baseline;
  }

  public BaselineSettings settings() {
    return settings;
  }

  /**
   * Offers this tick's window as a sample.
   *
   * @param epochSeconds the wall-clock time of the window's end
   * @param window the server's window at that time
   * @return whether it became a sample, or why not
   * @throws IllegalArgumentException when {@code epochSeconds} is not finite
   */
  public SampleOutcome observe(double epochSeconds, WindowStats window) {
    requireEpoch(epochSeconds);
    Objects.requireNonNull(window, "window");
    double sinceLast = epochSeconds - lastSampleEpochSeconds;
    if (sinceLast >= 0
        && sinceLast < settings.samplePeriodSeconds() - SAMPLE_PERIOD_SLACK_SECONDS) {
      return SampleOutcome.NOT_DUE;
    }
    SampleOutcome quality = judge(window);
    if (quality != SampleOutcome.ACCEPTED) {
      return quality;
    }
    dropExpired(epochSeconds);
    slotsOf(LoadBucket.of(window.meanRunningRequests()))
        .computeIfAbsent(slotKey(epochSeconds), Slot::new)
        .add(epochSeconds, window);
    lastSampleEpochSeconds = epochSeconds;
    return SampleOutcome.ACCEPTED;
  }

  private SampleOutcome judge(WindowStats window) {
    double concurrency = window.meanRunningRequests();
    if (!(concurrency >= 0) || Double.isInfinite(concurrency)) {
      return SampleOutcome.NO_LOAD;
    }
    double tokens = window.generatedTokens();
    if (!(tokens > 0) || tokens < settings.minGeneratedTokens() || Double.isInfinite(tokens)) {
      return SampleOutcome.TOO_FEW_TOKENS;
    }
    double energy = window.energyJoules();
    if (!(energy > 0) || Double.isInfinite(energy) || !(window.coveredSeconds() > 0)) {
      return SampleOutcome.NO_ENERGY;
    }
    if (!(window.measurementUncertaintyGenerated() <= settings.maxUncertainty())) {
      return SampleOutcome.TOO_UNCERTAIN;
    }
    if (window.state() != WindowState.STEADY) {
      return SampleOutcome.NOT_STEADY;
    }
    return SampleOutcome.ACCEPTED;
  }

  /**
   * Compares {@code window} with the baseline at its load. Changes nothing.
   *
   * @param epochSeconds now, on the wall clock; slots beyond the horizon from here do not count
   * @param window the server's current window
   */
  public RegressionView view(double epochSeconds, WindowStats window) {
    List<BucketBaseline> learned = new ArrayList<>();
    for (BucketBaseline bucket : buckets(epochSeconds)) {
      if (bucket.learned()) {
        learned.add(bucket);
      }
    }
    double concurrency = window.meanRunningRequests();
    double current = window.joulesPerGeneratedToken();
    if (!(concurrency >= 0) || Double.isInfinite(concurrency)) {
      return new RegressionView(
          Optional.empty(),
          concurrency,
          current,
          Double.NaN,
          ExpectedFrom.NONE,
          Double.NaN,
          learned);
    }
    LoadBucket bucket = LoadBucket.of(concurrency);
    LoadCurve.Expected expected = LoadCurve.at(concurrency, bucket, learned);
    double ratio = current / expected.joulesPerGeneratedToken();
    return new RegressionView(
        Optional.of(bucket),
        concurrency,
        current,
        expected.joulesPerGeneratedToken(),
        expected.from(),
        Double.isFinite(ratio) && window.state() == WindowState.STEADY ? ratio : Double.NaN,
        learned);
  }

  /**
   * Every bucket with at least one slot within the horizon, learned or still learning, in bucket
   * order. Changes nothing.
   */
  public List<BucketBaseline> buckets(double epochSeconds) {
    requireEpoch(epochSeconds);
    List<BucketBaseline> result = new ArrayList<>();
    for (Map.Entry<LoadBucket, TreeMap<Long, Slot>> entry : buckets.entrySet()) {
      List<SlotState> live = new ArrayList<>();
      for (Slot slot : entry.getValue().values()) {
        if (!expired(slot, epochSeconds)) {
          live.add(slot.state(entry.getKey()));
        }
      }
      if (!live.isEmpty()) {
        result.add(BucketBaseline.of(entry.getKey(), live, settings.minSlots()));
      }
    }
    return result;
  }

  /** An immutable copy of everything kept, for persistence. */
  public BaselineState state() {
    List<SlotState> slots = new ArrayList<>();
    for (Map.Entry<LoadBucket, TreeMap<Long, Slot>> entry : buckets.entrySet()) {
      for (Slot slot : entry.getValue().values()) {
        slots.add(slot.state(entry.getKey()));
      }
    }
    return new BaselineState(lastSampleEpochSeconds, slots);
  }

  private TreeMap<Long, Slot> slotsOf(LoadBucket bucket) {
    return buckets.computeIfAbsent(bucket, b -> new TreeMap<>());
  }

  private long slotKey(double epochSeconds) {
    return (long) Math.floor(epochSeconds / settings.slotSeconds());
  }

  private boolean expired(Slot slot, double epochSeconds) {
    double slotEnd = (slot.key + 1) * settings.slotSeconds();
    return slotEnd <= epochSeconds - settings.horizonSeconds();
  }

  private void dropExpired(double epochSeconds) {
    Iterator<TreeMap<Long, Slot>> bucketIterator = buckets.values().iterator();
    while (bucketIterator.hasNext()) {
      TreeMap<Long, Slot> slots = bucketIterator.next();
      slots.values().removeIf(slot -> expired(slot, epochSeconds));
      if (slots.isEmpty()) {
        bucketIterator.remove();
      }
    }
  }

  private static void requireEpoch(double epochSeconds) {
    if (!Double.isFinite(epochSeconds)) {
      throw new IllegalArgumentException("epoch seconds must be finite, got " + epochSeconds);
    }
  }

  /** The running sums of one slot. */
  private static final class Slot {
    final long key;
    double energyJoules;
    double generatedTokens;
    double concurrencySeconds;
    double coveredSeconds;
    int samples;
    double firstSampleEpochSeconds = Double.POSITIVE_INFINITY;
    double lastSampleEpochSeconds = Double.NEGATIVE_INFINITY;

    Slot(long key) {
      this.key = key;
    }

    void add(double epochSeconds, WindowStats window) {
      energyJoules += window.energyJoules();
      generatedTokens += window.generatedTokens();
      concurrencySeconds += window.meanRunningRequests() * window.coveredSeconds();
      coveredSeconds += window.coveredSeconds();
      samples++;
      firstSampleEpochSeconds = Math.min(firstSampleEpochSeconds, epochSeconds);
      lastSampleEpochSeconds = Math.max(lastSampleEpochSeconds, epochSeconds);
    }

    void merge(SlotState saved) {
      energyJoules += saved.energyJoules();
      generatedTokens += saved.generatedTokens();
      concurrencySeconds += saved.concurrencySeconds();
      coveredSeconds += saved.coveredSeconds();
      samples += saved.samples();
      firstSampleEpochSeconds = Math.min(firstSampleEpochSeconds, saved.firstSampleEpochSeconds());
      lastSampleEpochSeconds = Math.max(lastSampleEpochSeconds, saved.lastSampleEpochSeconds());
    }

    SlotState state(LoadBucket bucket) {
      return new SlotState(
          bucket,
          energyJoules,
          generatedTokens,
          concurrencySeconds,
          coveredSeconds,
          samples,
          firstSampleEpochSeconds,
          lastSampleEpochSeconds);
    }
  }
}
