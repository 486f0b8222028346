package io.tokenjoule.account.baseline;

import static io.tokenjoule.account.baseline.Windows.at;
import static io.tokenjoule.account.baseline.Windows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.WindowStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerBaselineTest {

  /** 60 s slots over 10 min, 3 slots to learn, 1 sample per 30 s, at least 100 tokens. */
  private static final BaselineSettings SETTINGS = new BaselineSettings(60, 600, 3, 0.05, 100, 30);

  private static final double T0 = 1_750_000_080; // a multiple of 60 and 120: slots start here

  private final ServerBaseline baseline = new ServerBaseline(SETTINGS);

  /** One sample in each of {@code perToken.length} consecutive slots, from slot {@code first}. */
  private void learn(int first, double concurrency, double... perToken) {
    for (int i = 0; i < perToken.length; i++) {
      assertEquals(
          SampleOutcome.ACCEPTED,
          baseline.observe(T0 + (first + i) * 60.0, at(perToken[i], concurrency)));
    }
  }

  private BucketBaseline only(double epochSeconds) {
    List<BucketBaseline> buckets = baseline.buckets(epochSeconds);
    assertEquals(1, buckets.size(), buckets.toString());
    return buckets.get(0);
  }

  @Test
  void oneSamplePerSamplePeriodAndNoneWhileItRuns() {
    assertEquals(SampleOutcome.ACCEPTED, baseline.observe(T0, at(1, 10)));
    assertEquals(SampleOutcome.NOT_DUE, baseline.observe(T0 + 10, at(1, 10)));
    assertEquals(SampleOutcome.NOT_DUE, baseline.observe(T0 + 29.9, at(1, 10)));
    assertEquals(SampleOutcome.ACCEPTED, baseline.observe(T0 + 29.9995, at(1, 10)));
    assertEquals(SampleOutcome.NOT_DUE, baseline.observe(T0 + 40, at(1, 10)));
    // The wall clock stepped back: sampling goes on rather than stalling until it catches up.
    assertEquals(SampleOutcome.ACCEPTED, baseline.observe(T0 - 3600, at(1, 10)));
    assertEquals(3, baseline.state().slots().stream().mapToInt(SlotState::samples).sum());
  }

  @Test
  void poorWindowsAreSkippedWithoutMovingTheSamplingClock() {
    assertEquals(SampleOutcome.NO_LOAD, baseline.observe(T0, window(100, 1000, Double.NaN)));
    assertEquals(SampleOutcome.TOO_FEW_TOKENS, baseline.observe(T0, window(99, 99, 10)));
    assertEquals(SampleOutcome.TOO_FEW_TOKENS, baseline.observe(T0, window(0, 0, 0)));
    assertEquals(SampleOutcome.NO_ENERGY, baseline.observe(T0, window(0, 1000, 10)));
    assertEquals(
        SampleOutcome.TOO_UNCERTAIN, baseline.observe(T0, window(900, 1000, 10, 0.0501, 30)));
    assertEquals(
        SampleOutcome.TOO_UNCERTAIN, baseline.observe(T0, window(900, 1000, 10, Double.NaN, 30)));
    assertTrue(baseline.state().slots().isEmpty());
    assertEquals(SampleOutcome.ACCEPTED, baseline.observe(T0 + 1, window(500, 1000, 10, 0.05, 30)));
    assertEquals(0.5, baseline.state().slots().get(0).joulesPerGeneratedToken());
  }

  @Test
  void highUncertaintyWindowsNeverReachTheBaseline() {
    learn(0, 10, 1.0, 1.0, 1.0);
    for (int i = 3; i < 8; i++) {
      // Ten times the energy per token, but with a 20% error bound: ignored.
      assertEquals(
          SampleOutcome.TOO_UNCERTAIN,
          baseline.observe(T0 + i * 60.0, window(10_000, 1000, 10, 0.2, 30)));
    }
    BucketBaseline bucket = only(T0 + 480);
    assertEquals(3, bucket.slots());
    assertEquals(1.0, bucket.joulesPerGeneratedToken());
  }

  @Test
  void theSharedGpuAttributionPartOfTheBoundDoesNotKeepAWindowOut() {
    WindowStats plain = window(500, 1000, 10, 0.5, 30);
    WindowStats shared =
        new WindowStats(
            plain.coveredSeconds(),
            plain.energyJoules(),
            plain.promptTokens(),
            plain.generatedTokens(),
            plain.requests(),
            plain.meanRunningRequests(),
            plain.joulesPerGeneratedToken(),
            plain.joulesPerToken(),
            plain.joulesPerRequest(),
            0.5,
            0.5,
            plain.startSeconds(),
            plain.endSeconds(),
            plain.state(),
            0.48);
    // a 50% bound of which 48% is how far another split of the shared GPU would move its energy
    assertEquals(SampleOutcome.ACCEPTED, baseline.observe(T0, shared));
    assertEquals(SampleOutcome.TOO_UNCERTAIN, baseline.observe(T0 + 60, plain));
  }

  @Test
  void aSlotIsTheRatioOfItsSumsAndItsConcurrencyIsTimeWeighted() {
    ServerBaseline single = new ServerBaseline(new BaselineSettings(60, 600, 1, 0.05, 100, 10));
    single.observe(T0, window(100, 100, 10, 0.01, 30));
    single.observe(T0 + 20, window(300, 900, 14, 0.01, 10));
    List<BucketBaseline> buckets = single.buckets(T0 + 30);
    assertEquals(1, buckets.size());
    BucketBaseline bucket = buckets.get(0);
    assertEquals("8-16", bucket.bucket().label());
    assertEquals(1, bucket.slots());
    assertEquals(0.4, bucket.joulesPerGeneratedToken(), 1e-15); // 400 J / 1000, not (1 + 1/3) / 2
    assertEquals(11, bucket.referenceConcurrency(), 1e-12); // (10 × 30 + 14 × 10) / 40
    assertEquals(T0, bucket.oldestSampleEpochSeconds());
    assertEquals(T0 + 20, bucket.newestSampleEpochSeconds());
  }

  @Test
  void aBucketIsLearnedOnlyFromTheMinimumSlotsOn() {
    learn(0, 10, 1.0, 1.2);
    BucketBaseline learning = only(T0 + 120);
    assertEquals(2, learning.slots());
    assertFalse(learning.learned());
    assertTrue(Double.isNaN(learning.joulesPerGeneratedToken()));
    assertTrue(Double.isNaN(learning.referenceConcurrency()));
    assertTrue(baseline.view(T0 + 120, at(1, 10)).learnedBuckets().isEmpty());
    learn(2, 10, 1.1);
    assertEquals(1.1, only(T0 + 180).joulesPerGeneratedToken());
  }

  @Test
  void oneBadSlotDoesNotMoveTheMedian() {
    learn(0, 10, 1.0, 1.0, 1.0, 1.0);
    learn(4, 10, 50.0); // a pathological slot: 50 times the usual J/token
    BucketBaseline bucket = only(T0 + 300);
    assertEquals(5, bucket.slots());
    assertEquals(1.0, bucket.joulesPerGeneratedToken());
    assertEquals(10, bucket.referenceConcurrency());
  }

  @Test
  void anEvenCountTakesTheLogMidpointOfTheTwoMiddleSlots() {
    baseline.observe(T0, at(100, 15)); // an outlier, top of the order
    baseline.observe(T0 + 60, at(2, 10));
    baseline.observe(T0 + 120, at(1, 9));
    baseline.observe(T0 + 180, at(4, 14));
    BucketBaseline bucket = only(T0 + 240);
    // Ordered by J/token: 1 (9), 2 (10), 4 (14), 100 (15); the middle pair is 2 @ 10 and 4 @ 14.
    assertEquals(Math.sqrt(8), bucket.joulesPerGeneratedToken(), 1e-15);
    assertEquals(Math.sqrt(140), bucket.referenceConcurrency(), 1e-12);
  }

  @Test
  void slotsExpireAtTheHorizon() {
    learn(0, 10, 1.0, 1.0, 1.0);
    // The first slot, [T0, T0 + 60), leaves the 600 s horizon at T0 + 660.
    assertEquals(3, only(T0 + 659.9).slots());
    BucketBaseline expiring = only(T0 + 660);
    assertEquals(2, expiring.slots());
    assertFalse(expiring.learned());
    assertTrue(baseline.buckets(T0 + 780).isEmpty());
    assertEquals(3, baseline.state().slots().size(), "a view drops nothing");
    baseline.observe(T0 + 780, at(1.0, 100));
    assertEquals(1, baseline.state().slots().size(), "a sample drops the expired slots");
    assertEquals("64-128", baseline.state().slots().get(0).bucket().label());
  }

  @Test
  void aRegressionMovesTheBaselineOnlyOnceItFillsHalfTheSlots() {
    learn(0, 10, 1.0, 1.0, 1.0, 1.0, 1.0);
    learn(5, 10, 1.3, 1.3, 1.3, 1.3);
    assertEquals(1.0, only(T0 + 540).joulesPerGeneratedToken());
    assertEquals(1.3, baseline.view(T0 + 540, at(1.3, 10)).ratio(), 1e-12);
    learn(9, 10, 1.3);
    // 5 good and 5 regressed slots: the median sits between them.
    assertEquals(Math.sqrt(1.3), only(T0 + 600).joulesPerGeneratedToken(), 1e-15);
    learn(10, 10, 1.3);
    // The first good slot has expired: 4 good, 6 regressed.
    assertEquals(1.3, only(T0 + 660).joulesPerGeneratedToken());
  }

  @Test
  void viewComparesWithTheBaselineAtTheSameLoad() {
    learn(0, 10, 1.0, 1.0, 1.0);
    RegressionView view = baseline.view(T0 + 180, at(1.15, 10));
    assertEquals(Optional.of(LoadBucket.of(10)), view.bucket());
    assertEquals(10, view.concurrency());
    assertEquals(1.15, view.joulesPerGeneratedToken(), 1e-15);
    assertEquals(1.0, view.expectedJoulesPerGeneratedToken());
    assertEquals(ExpectedFrom.CURRENT_BUCKET, view.expectedFrom());
    assertEquals(1.15, view.ratio(), 1e-15);
    assertEquals(1, view.learnedBuckets().size());
  }

  @Test
  void aWindowInWhichTheLoadStartedOrStoppedIsNeitherLearntNorJudged() {
    assertEquals(SampleOutcome.NOT_STEADY, baseline.observe(T0, Windows.ramping(at(4.0, 10))));
    assertTrue(baseline.state().slots().isEmpty());
    learn(0, 10, 1.0, 1.0, 1.0);
    RegressionView draining = baseline.view(T0 + 180, Windows.ramping(at(4.0, 10)));
    assertEquals(1.0, draining.expectedJoulesPerGeneratedToken());
    assertTrue(Double.isNaN(draining.ratio()), "a draining server's climb is no regression");
    assertEquals(4.0, baseline.view(T0 + 180, at(4.0, 10)).ratio(), 1e-12);
  }

  @Test
  void viewWithoutLoadOrBaselineHasNoRatio() {
    RegressionView nothingLearned = baseline.view(T0, at(1, 10));
    assertEquals(ExpectedFrom.NONE, nothingLearned.expectedFrom());
    assertTrue(Double.isNaN(nothingLearned.expectedJoulesPerGeneratedToken()));
    assertTrue(Double.isNaN(nothingLearned.ratio()));
    learn(0, 10, 1.0, 1.0, 1.0);
    RegressionView noLoad = baseline.view(T0 + 180, window(100, 100, Double.NaN));
    assertEquals(Optional.empty(), noLoad.bucket());
    assertEquals(ExpectedFrom.NONE, noLoad.expectedFrom());
    assertTrue(Double.isNaN(noLoad.ratio()));
    assertEquals(1, noLoad.learnedBuckets().size());
    RegressionView noTokens = baseline.view(T0 + 180, window(100, 0, 10));
    assertEquals(1.0, noTokens.expectedJoulesPerGeneratedToken());
    assertTrue(Double.isNaN(noTokens.ratio()));
  }

  @Test
  void betweenNeighbouringBucketsTheBaselineFollowsAPowerLaw() {
    learn(0, 8, 2.0, 2.0, 2.0); // bucket 8-16, reference point (8, 2.0)
    learn(3, 32, 0.5, 0.5, 0.5); // bucket 32-64, reference point (32, 0.5)
    double now = T0 + 360;

    // 16 lies halfway between 8 and 32 on a log scale: sqrt(2.0 × 0.5) = 1.0.
    RegressionView between = baseline.view(now, at(1.0, 16));
    assertEquals("16-32", between.bucket().orElseThrow().label());
    assertEquals(ExpectedFrom.INTERPOLATED, between.expectedFrom());
    assertEquals(1.0, between.expectedJoulesPerGeneratedToken(), 1e-12);
    assertEquals(1.0, between.ratio(), 1e-12);

    // 11.3 in bucket 8-16: 32-64 is two buckets away, so only its own bucket counts.
    RegressionView aboveOwn = baseline.view(now, at(2.0, 11.3));
    assertEquals(ExpectedFrom.CURRENT_BUCKET, aboveOwn.expectedFrom());
    assertEquals(2.0, aboveOwn.expectedJoulesPerGeneratedToken());

    // At a reference point exactly, that bucket's value.
    RegressionView atReference = baseline.view(now, at(0.5, 32));
    assertEquals(ExpectedFrom.CURRENT_BUCKET, atReference.expectedFrom());
    assertEquals(0.5, atReference.expectedJoulesPerGeneratedToken());

    // Below every reference point and in an unlearned bucket: nothing is extrapolated.
    RegressionView below = baseline.view(now, at(3.0, 5));
    assertEquals(ExpectedFrom.NONE, below.expectedFrom());
    assertTrue(Double.isNaN(below.ratio()));

    // Above the top reference point, in its bucket: that bucket's value, not a continued slope.
    RegressionView above = baseline.view(now, at(0.45, 60));
    assertEquals(ExpectedFrom.CURRENT_BUCKET, above.expectedFrom());
    assertEquals(0.9, above.ratio(), 1e-12);
  }

  @Test
  void interpolationInsideTheCurrentBucketUsesItsNeighbour() {
    learn(0, 16, 1.0, 1.0, 1.0); // bucket 16-32, reference (16, 1.0)
    learn(3, 32, 0.8, 0.8, 0.8); // bucket 32-64, reference (32, 0.8)
    RegressionView view = baseline.view(T0 + 360, at(0.9, Math.sqrt(512))); // ~22.6, bucket 16-32
    assertEquals(ExpectedFrom.INTERPOLATED, view.expectedFrom());
    assertEquals(Math.sqrt(0.8), view.expectedJoulesPerGeneratedToken(), 1e-12);
  }

  @Test
  void restoredStateGivesTheSameViews() {
    learn(0, 8, 2.0, 2.1, 1.9, 2.0);
    learn(4, 32, 0.5, 0.6, 0.55);
    baseline.observe(T0 + 420 + 10, at(0.7, 20));
    ServerBaseline restored = ServerBaseline.restore(SETTINGS, baseline.state());
    assertEquals(baseline.state(), restored.state());
    for (double concurrency : new double[] {0.5, 8, 12, 16, 20, 32, 40, Double.NaN}) {
      WindowStats window = at(1.0, concurrency);
      assertEquals(baseline.view(T0 + 450, window), restored.view(T0 + 450, window));
    }
    // The sampling clock survives too: no sample within the period of the last one.
    assertEquals(SampleOutcome.NOT_DUE, restored.observe(T0 + 440, at(1, 8)));
  }

  @Test
  void restoringUnderLongerSlotsMergesThem() {
    learn(0, 10, 1.0, 2.0, 3.0, 4.0);
    ServerBaseline merged =
        ServerBaseline.restore(new BaselineSettings(120, 600, 2, 0.05, 100, 30), baseline.state());
    List<SlotState> slots = merged.state().slots();
    assertEquals(2, slots.size());
    assertEquals(2, slots.get(0).samples());
    assertEquals(1.5, slots.get(0).joulesPerGeneratedToken());
    assertEquals(3.5, slots.get(1).joulesPerGeneratedToken());
  }

  @Test
  void nonFiniteTimeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> baseline.observe(Double.NaN, at(1, 1)));
    assertThrows(IllegalArgumentException.class, () -> baseline.buckets(Double.NaN));
  }
}
