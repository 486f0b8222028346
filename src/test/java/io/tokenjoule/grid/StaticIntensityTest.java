package io.tokenjoule.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StaticIntensityTest {

  @Test
  void isTheSameValueAtEveryInstant() {
    StaticIntensity france = new StaticIntensity(56, "FR");
    CarbonIntensity expected =
        new CarbonIntensity(56, CarbonIntensity.STATIC, "FR", 0, false, null);
    assertEquals(expected, france.at(Instant.EPOCH));
    assertEquals(expected, france.at(Instant.parse("2030-01-01T00:00:00Z")));
    assertEquals("", new StaticIntensity(400).at(Instant.EPOCH).zone());
  }

  @Test
  void refusesValuesNoGridHas() {
    assertEquals(
        "static grams_per_kwh must be at most 5000 gCO2e/kWh, got 5000.5",
        assertThrows(IllegalArgumentException.class, () -> new StaticIntensity(5000.5))
            .getMessage());
    assertEquals(
        "static grams_per_kwh must be a finite number of gCO2e/kWh, got Infinity",
        assertThrows(
                IllegalArgumentException.class, () -> new StaticIntensity(Double.POSITIVE_INFINITY))
            .getMessage());
  }
}
