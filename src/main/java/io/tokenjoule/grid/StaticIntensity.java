package io.tokenjoule.grid;

import java.time.Instant;
import java.util.Objects;

/**
 * A configured constant intensity. Immutable and thread-safe.
 *
 * @param gramsPerKwh gCO2e/kWh, finite and in [0, {@value
 *     CarbonIntensity#MAX_PLAUSIBLE_GRAMS_PER_KWH}]
 * @param gridZone the zone label reported with the value; may be empty
 */
public record StaticIntensity(double gramsPerKwh, String gridZone) implements GridIntensity {

  public StaticIntensity {
    CarbonIntensity.requirePlausible(gramsPerKwh, "static grams_per_kwh");
    Objects.requireNonNull(gridZone, "gridZone");
  }

  /** A constant with no zone label. */
  public StaticIntensity(double gramsPerKwh) {
    this(gramsPerKwh, "");
  }

  @Override
  public CarbonIntensity at(Instant now) {
    return new CarbonIntensity(gramsPerKwh, CarbonIntensity.STATIC, gridZone, 0, false, null);
  }
}
