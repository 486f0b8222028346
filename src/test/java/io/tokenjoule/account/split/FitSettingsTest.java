package io.tokenjoule.account.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FitSettingsTest {

  @Test
  void defaultsRememberAnHour() {
    FitSettings defaults = FitSettings.defaults();
    assertEquals(new FitSettings(3600, 30, 1e4, 0.1, 3), defaults);
    assertEquals(
        new FitSettings(600, 30, 1e4, 0.1, 3), FitSettings.defaults().withHorizonSeconds(600));
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertRefused("split fit horizon must be a finite number of seconds > 0, got 0.0", 0, 30, 1e4);
    assertRefused(
        "split fit horizon must be a finite number of seconds > 0, got Infinity",
        Double.POSITIVE_INFINITY,
        30,
        1e4);
    assertRefused(
        "split fit needs a finite minimum of effective samples > 3, got 3.0", 3600, 3, 1e4);
    assertRefused("split fit maximum condition number must be >= 1, got 0.5", 3600, 30, 0.5);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new FitSettings(3600, 30, 1e4, 0, 3));
    assertEquals(
        "split fit maximum relative standard error must be > 0, got 0.0", error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class, () -> new FitSettings(3600, 30, 1e4, 0.1, Double.NaN));
    assertEquals(
        "split fit outlier threshold must be > 0 (Infinity for none), got NaN", error.getMessage());
  }

  private static void assertRefused(
      String message, double horizon, double minSamples, double maxCondition) {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FitSettings(horizon, minSamples, maxCondition, 0.1, 3));
    assertEquals(message, error.getMessage());
  }

  @Test
  void anUnpublishedEstimateCarriesNoFigures() {
    SplitEstimate none = SplitEstimate.unpublished(SplitStatus.NO_VARIETY, 1e9, 100);
    assertEquals(Double.NaN, none.joulesPerDecodeToken());
    assertEquals(1e9, none.conditionNumber());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SplitEstimate(0.1, 0.2, 70, 0.9, 0, 0, 0, SplitStatus.TOO_UNCERTAIN, 10, 100));
    assertThrows(
        IllegalArgumentException.class,
        () -> SplitEstimate.unpublished(SplitStatus.PUBLISHED, 10, 100));
  }
}
