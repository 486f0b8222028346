package io.tokenjoule.grid;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Intensity by local hour of day and, optionally, weekday: for a grid whose intensity follows a
 * known daily shape (a solar dip at noon, a cleaner night). At an instant, the local time in {@code
 * timeZone} is computed, and the first entry (in list order) covering that weekday and hour gives
 * the value; when none does, the default. So an entry for Sundays listed before an every-day entry
 * overrides it on Sundays. Local time follows daylight saving: on the day clocks go forward the
 * skipped hour never applies, and on the day they go back the repeated hour applies twice.
 * Immutable and thread-safe.
 */
public final class IntensitySchedule implements GridIntensity {

  private final List<ScheduleEntry> entries;
  private final double defaultGramsPerKwh;
  private final ZoneId timeZone;
  private final String gridZone;

  /**
   * @param entries the schedule lines, first match wins
   * @param defaultGramsPerKwh gCO2e/kWh at hours no entry covers
   * @param timeZone the time zone whose local hours and weekdays the entries mean
   * @param gridZone the zone label reported with the value; may be empty
   * @throws IllegalArgumentException naming the entry's index (counting from 0) and field, e.g.
   *     {@code schedule entry 2: to_hour 5 must be after from_hour 7}
   */
  public IntensitySchedule(
      List<ScheduleEntry> entries, double defaultGramsPerKwh, ZoneId timeZone, String gridZone) {
    Objects.requireNonNull(entries, "entries");
    for (int i = 0; i < entries.size(); i++) {
      validate(i, entries.get(i));
    }
    CarbonIntensity.requirePlausible(defaultGramsPerKwh, "schedule default_grams_per_kwh");
    this.entries = List.copyOf(entries);
    this.defaultGramsPerKwh = defaultGramsPerKwh;
    this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    this.gridZone = Objects.requireNonNull(gridZone, "gridZone");
  }

  private static void validate(int index, ScheduleEntry entry) {
    String where = "schedule entry " + index + ": ";
    if (entry == null) {
      throw new IllegalArgumentException(where + "is missing");
    }
    if (entry.fromHour() < 0 || entry.fromHour() > 23) {
      throw new IllegalArgumentException(
          where + "from_hour must be 0 to 23, got " + entry.fromHour());
    }
    if (entry.toHour() < 1 || entry.toHour() > 24) {
      throw new IllegalArgumentException(where + "to_hour must be 1 to 24, got " + entry.toHour());
    }
    if (entry.toHour() <= entry.fromHour()) {
      throw new IllegalArgumentException(
          where
              + "to_hour "
              + entry.toHour()
              + " must be after from_hour "
              + entry.fromHour()
              + " (split a range across midnight into two entries)");
    }
    String problem = CarbonIntensity.implausibility(entry.gramsPerKwh());
    if (problem != null) {
      throw new IllegalArgumentException(where + "grams_per_kwh " + problem);
    }
  }

  /** gCO2e/kWh at {@code now}. */
  public double gramsPerKwhAt(Instant now) {
    ZonedDateTime local = now.atZone(timeZone);
    for (ScheduleEntry entry : entries) {
      if (entry.covers(local.getDayOfWeek(), local.getHour())) {
        return entry.gramsPerKwh();
      }
    }
    return defaultGramsPerKwh;
  }

  @Override
  public CarbonIntensity at(Instant now) {
    return new CarbonIntensity(
        gramsPerKwhAt(now), CarbonIntensity.SCHEDULE, gridZone, 0, false, null);
  }

  public List<ScheduleEntry> entries() {
    return entries;
  }

  public double defaultGramsPerKwh() {
    return defaultGramsPerKwh;
  }

  public ZoneId timeZone() {
    return timeZone;
  }
}
