package io.tokenjoule.grid;

import java.time.Instant;
import java.util.Objects;

/**
 * One value from a live provider.
 *
 * @param gramsPerKwh carbon intensity in gCO2e/kWh, finite and in [0, {@value
 *     CarbonIntensity#MAX_PLAUSIBLE_GRAMS_PER_KWH}]
 * @param validAt the start of the period the provider says the value is for (Electricity Maps'
 *     {@code datetime}, the UK API's {@code from})
 * @param zone the zone the provider says the value is for; may be empty
 */
public record IntensityReading(double gramsPerKwh, Instant validAt, String zone) {

  public IntensityReading {
    CarbonIntensity.requirePlausible(gramsPerKwh, "gramsPerKwh");
    Objects.requireNonNull(validAt, "validAt");
    Objects.requireNonNull(zone, "zone");
  }
}
