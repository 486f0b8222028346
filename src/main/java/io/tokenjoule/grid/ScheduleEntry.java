package io.tokenjoule.grid;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One line of an {@link IntensitySchedule}: from {@code fromHour} (inclusive) to {@code toHour}
 * (exclusive) local time, on {@code days}, the grid is at {@code gramsPerKwh}. Ranges are checked
 * by {@link IntensitySchedule}, which knows the entry's index for its message.
 *
 * @param days the weekdays the entry applies on; empty means every day
 * @param fromHour first local hour covered, 0 to 23
 * @param toHour first local hour no longer covered, 1 to 24, after {@code fromHour}
 * @param gramsPerKwh gCO2e/kWh during those hours
 */
public record ScheduleEntry(Set<DayOfWeek> days, int fromHour, int toHour, double gramsPerKwh) {

  public ScheduleEntry {
    Objects.requireNonNull(days, "days");
    days.forEach(day -> Objects.requireNonNull(day, "days must not contain null"));
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
  }

  /** An entry that applies on every day. */
  public static ScheduleEntry everyDay(int fromHour, int toHour, double gramsPerKwh) {
    return new ScheduleEntry(Set.of(), fromHour, toHour, gramsPerKwh);
  }

  boolean covers(DayOfWeek day, int hour) {
    return (days.isEmpty() || days.contains(day)) && hour >= fromHour && hour < toHour;
  }
}
