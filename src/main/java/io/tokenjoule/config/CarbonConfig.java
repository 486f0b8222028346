package io.tokenjoule.config;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    double gramsPerKwh, String zone, Optional<Schedule> schedule, Optional<LiveCarbonConfig> live) {

  public CarbonConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(live, "live");
    if (schedule.isPresent() && live.isPresent()) {
      throw new IllegalArgumentException("carbon takes a schedule or a live provider, not both");
    }
  }

  /**
   * Intensities by local weekday and hour; the first entry covering a moment wins.
   *
   * @param entries in the order written
   * @param timeZone whose local hours and weekdays the entries mean
   */
  public record Schedule(List<Entry> entries, ZoneId timeZone) {
    public Schedule {
      entries = List.copyOf(entries);
      Objects.requireNonNull(timeZone, "timeZone");
    }
  }

  /**
   * One schedule entry: from {@code fromHour} (inclusive) to {@code toHour} (exclusive) local time
   * on {@code days}, the grid is at {@code gramsPerKwh}.
   *
   * @param days the weekdays it applies on; empty means every day
   * @param fromHour 0 to 23
   * @param toHour 1 to 24, after {@code fromHour}
   */
  public record Entry(Set<DayOfWeek> days, int fromHour, int toHour, double gramsPerKwh) {
    public Entry {
      days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
      if (fromHour < 0 || toHour > 24 || toHour <= fromHour) {
        throw new IllegalArgumentException(
            "a schedule entry runs from an hour 0 to 23 to a later hour up to 24, got "
                + fromHour
                + " to "
                + toHour);
      }
    }
  }
}
