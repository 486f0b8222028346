package io.tokenjoule.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveIntensityTrackerTest {

  private static final String EM = ElectricityMapsProvider.NAME;
  private static final double T0 = 1_700_000_000;
  private static final Instant NOON = Instant.parse("2024-06-03T12:00:00Z");

  private final LiveIntensityTracker tracker = new LiveIntensityTracker(EM, "DE", 380, 600);

  private static CarbonIntensity live(double grams, String zone, double age, String error) {
    return new CarbonIntensity(grams, EM, zone, age, false, error);
  }

  private static CarbonIntensity fallback(String zone, String error) {
    return new CarbonIntensity(380, EM, zone, 0, true, error);
  }

  @Test
  void beforeAnyReadingTheFallbackIsUsed() {
    assertEquals(fallback("DE", null), tracker.current(T0));
    tracker.reject("timeout", T0);
    assertEquals(fallback("DE", "timeout"), tracker.current(T0 + 1));
  }

  @Test
  void aReadingIsUsedWithItsExactAgeUpToTheStalenessLimit() {
    assertTrue(tracker.accept(new IntensityReading(212.5, NOON, "DE"), T0));
    assertEquals(live(212.5, "DE", 0, null), tracker.current(T0));
    assertEquals(live(212.5, "DE", 37.25, null), tracker.current(T0 + 37.25));
    assertEquals(live(212.5, "DE", 600, null), tracker.current(T0 + 600));
    assertEquals(fallback("DE", null), tracker.current(T0 + 600.5));
  }

  @Test
  void failuresKeepTheValueUntilStaleThenRecoveryRestoresIt() {
    tracker.accept(new IntensityReading(212.5, NOON, "DE"), T0);
    tracker.reject("HTTP 500", T0 + 100);
    tracker.reject("timeout", T0 + 200);
    assertEquals(T0 + 100, tracker.failingSinceEpochSeconds());
    assertEquals(live(212.5, "DE", 300, "timeout"), tracker.current(T0 + 300));
    assertEquals(fallback("DE", "timeout"), tracker.current(T0 + 601));

    assertTrue(tracker.accept(new IntensityReading(190, NOON.plusSeconds(3600), "DE"), T0 + 900));
    assertEquals(live(190, "DE", 5, null), tracker.current(T0 + 905));
    assertTrue(Double.isNaN(tracker.failingSinceEpochSeconds()));
  }

  @Test
  void anOlderReadingDoesNotReplaceANewerOne() {
    tracker.accept(new IntensityReading(212.5, NOON, "DE"), T0);
    assertFalse(tracker.accept(new IntensityReading(300, NOON.minusSeconds(1), "DE"), T0 + 10));
    assertEquals(live(212.5, "DE", 20, null), tracker.current(T0 + 20));
  }

  @Test
  void aRevisedReadingForTheSameHourReplacesItAndRestartsItsAge() {
    tracker.accept(new IntensityReading(212.5, NOON, "DE"), T0);
    assertTrue(tracker.accept(new IntensityReading(208, NOON, "DE"), T0 + 300));
    assertEquals(live(208, "DE", 100, null), tracker.current(T0 + 400));
  }

  @Test
  void theReadingsZoneWinsOverTheConfiguredOneEvenOnceStale() {
    LiveIntensityTracker byLocation = new LiveIntensityTracker(EM, "", 380, 60);
    assertEquals(fallback("", null), byLocation.current(T0));
    byLocation.accept(new IntensityReading(90, NOON, "FR"), T0);
    assertEquals(live(90, "FR", 0, null), byLocation.current(T0));
    assertEquals(fallback("FR", null), byLocation.current(T0 + 61));
  }

  @Test
  void aClockSteppingBackNeverGivesANegativeAge() {
    tracker.accept(new IntensityReading(212.5, NOON, "DE"), T0);
    assertEquals(live(212.5, "DE", 0, null), tracker.current(T0 - 5));
  }

  @Test
  void zeroStalenessUsesAValueOnlyAtTheInstantItCame() {
    LiveIntensityTracker strict = new LiveIntensityTracker(EM, "DE", 380, 0);
    strict.accept(new IntensityReading(212.5, NOON, "DE"), T0);
    assertEquals(live(212.5, "DE", 0, null), strict.current(T0));
    assertEquals(fallback("DE", null), strict.current(T0 + 0.001));
  }

  @Test
  void settingsAreValidated() {
    assertEquals(
        "fallback grams_per_kwh must not be negative, got -1.0 gCO2e/kWh",
        assertThrows(IllegalArgumentException.class, () -> new LiveIntensityTracker(EM, "", -1, 60))
            .getMessage());
    assertEquals(
        "maxStalenessSeconds must be finite and >= 0, got NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> new LiveIntensityTracker(EM, "", 300, Double.NaN))
            .getMessage());
  }
}
