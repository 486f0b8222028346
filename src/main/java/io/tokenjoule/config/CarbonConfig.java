package io.tokenjoule.config;

import io.tokenjoule.grid.IntensitySchedule;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the grid's carbon intensity comes from.
 *
 * @param gramsPerKwh the static intensity (gCO2e/kWh); with a schedule, its value outside every
 *     entry; with a live provider, the fallback while live values are stale
 * @param zone the grid zone the static value is for, a label only; may be empty
 * @param schedule intensities by weekday and hour, if configured
 * @param live a live provider, if configured; never together with a schedule
 */
public record CarbonConfig(
    double gramsPerKwh,
    String zone,
    Optional<IntensitySchedule> schedule,
    Optional<LiveCarbonConfig> live) {

  public CarbonConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(live, "live");
    if (schedule.isPresent() && live.isPresent()) {
      throw new IllegalArgumentException("carbon takes a schedule or a live provider, not both");
    }
  }
}
