package io.tokenjoule.account.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One load bucket's baseline: the median slot's J per generated token and the concurrency it ran
 * at.
 *
 * <p>The median is taken over slots ordered by J/token, and the reference concurrency is that same
 * slot's, so the pair is a point the server really ran at; with an even count it is the midpoint in
 * log space (geometric means) of the two middle slots. Taking the two medians apart would pair the
 * J/token of one slot with the concurrency of another, off the server's curve.
 *
 * @param bucket the load bucket
 * @param slots the slots within the horizon
 * @param joulesPerGeneratedToken the baseline, NaN while fewer than the minimum slots are known
 * @param referenceConcurrency the mean concurrency of the median slot(s), NaN when not learned
 * @param oldestSampleEpochSeconds the first sample of the oldest slot (epoch seconds)
 * @param newestSampleEpochSeconds the last sample of the newest slot (epoch seconds)
 */
public record BucketBaseline(
    LoadBucket bucket,
    int slots,
    double joulesPerGeneratedToken,
    double referenceConcurrency,
    double oldestSampleEpochSeconds,
    double newestSampleEpochSeconds) {

  public BucketBaseline {
    Objects.requireNonNull(bucket, "bucket");
  }

  /** Whether enough slots are known for the baseline to count. */
  public boolean learned() {
    return !Double.isNaN(joulesPerGeneratedToken);
  }

  /**
   * The baseline of {@code bucket} over {@code slots}, which must be non-empty and all of that
   * bucket.
   */
  static BucketBaseline of(LoadBucket bucket, List<SlotState> slots, int minSlots) {
    double oldest = Double.POSITIVE_INFINITY;
    double newest = Double.NEGATIVE_INFINITY;
    for (SlotState slot : slots) {
      oldest = Math.min(oldest, slot.firstSampleEpochSeconds());
      newest = Math.max(newest, slot.lastSampleEpochSeconds());
    }
    if (slots.size() < minSlots) {
      return new BucketBaseline(bucket, slots.size(), Double.NaN, Double.NaN, oldest, newest);
    }
    List<SlotState> sorted = new ArrayList<>(slots);
    sorted.sort(Comparator.comparingDouble(SlotState::joulesPerGeneratedToken));
    int n = sorted.size();
    SlotState upper = sorted.get(n / 2);
    SlotState lower = sorted.get((n - 1) / 2);
    double joules = Math.sqrt(lower.joulesPerGeneratedToken() * upper.joulesPerGeneratedToken());
    double concurrency = Math.sqrt(lower.meanConcurrency() * upper.meanConcurrency());
    if (lower == upper) {
      // One middle slot: take its values as they are, not through a square root.
      joules = upper.joulesPerGeneratedToken();
      concurrency = upper.meanConcurrency();
    }
    return new BucketBaseline(bucket, n, joules, concurrency, oldest, newest);
  }
}
