package io.tokenjoule.account.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BaselineSettingsTest {

  @Test
  void defaultsAreHourlySlotsOverAWeek() {
    BaselineSettings defaults = BaselineSettings.DEFAULTS;
    assertEquals(3600, defaults.slotSeconds());
    assertEquals(604_800, defaults.horizonSeconds());
    assertEquals(3, defaults.minSlots());
    assertEquals(0.05, defaults.maxUncertainty());
    assertEquals(1000, defaults.minGeneratedTokens());
    assertEquals(60, defaults.samplePeriodSeconds());
    assertEquals(120, defaults.withSamplePeriodSeconds(120).samplePeriodSeconds());
    assertEquals(3600, defaults.withSamplePeriodSeconds(120).slotSeconds());
  }

  @Test
  void outOfRangeValuesAreRefusedByName() {
    assertEquals(
        "the slot must be finite and > 0 seconds, got 0.0", rejection(0, 3600, 3, 0.05, 100, 30));
    assertEquals(
        "the horizon must be finite and > 0 seconds, got Infinity",
        rejection(60, Double.POSITIVE_INFINITY, 3, 0.05, 100, 30));
    assertEquals(
        "the sample period must be finite and > 0 seconds, got NaN",
        rejection(60, 3600, 3, 0.05, 100, Double.NaN));
    assertEquals("min slots must be >= 1, got 0", rejection(60, 3600, 0, 0.05, 100, 30));
    assertEquals(
        "the horizon (120.0 s) must hold at least min slots (3) slots of 60.0 s",
        rejection(60, 120, 3, 0.05, 100, 30));
    assertEquals(
        "horizon / slot must be at most 10000 slots, got 604800.0 s / 60.0 s",
        rejection(60, 604_800, 3, 0.05, 100, 30));
    assertEquals("max uncertainty must lie in (0, 1], got 0.0", rejection(60, 3600, 3, 0, 100, 30));
    assertEquals(
        "max uncertainty must lie in (0, 1], got 1.5", rejection(60, 3600, 3, 1.5, 100, 30));
    assertEquals(
        "min generated tokens must be finite and >= 0, got -1.0",
        rejection(60, 3600, 3, 0.05, -1, 30));
  }

  @Test
  void edgeValuesAreAccepted() {
    BaselineSettings settings = new BaselineSettings(60, 180, 3, 1, 0, 0.5);
    assertEquals(180, settings.horizonSeconds());
    assertEquals(10_000, new BaselineSettings(1, 10_000, 1, 0.05, 0, 1).horizonSeconds());
  }

  private static String rejection(
      double slot,
      double horizon,
      int minSlots,
      double maxUncertainty,
      double minTokens,
      double period) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> new BaselineSettings(slot, horizon, minSlots, maxUncertainty, minTokens, period))
        .getMessage();
  }
}
