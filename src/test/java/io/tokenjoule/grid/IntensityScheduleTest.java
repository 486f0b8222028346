package io.tokenjoule.grid;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntensityScheduleTest {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static double at(IntensitySchedule schedule, String instant) {
    return schedule.gramsPerKwhAt(Instant.parse(instant));
  }

  @Test
  void hoursIncludeTheirStartAndExcludeTheirEnd() {
    IntensitySchedule solarDip =
        new IntensitySchedule(
            List.of(ScheduleEntry.everyDay(10, 16, 120)), 300, ZoneOffset.UTC, "DE");
    assertEquals(300, at(solarDip, "2024-06-03T09:59:59Z"));
    assertEquals(120, at(solarDip, "2024-06-03T10:00:00Z"));
    assertEquals(120, at(solarDip, "2024-06-03T15:59:59Z"));
    assertEquals(300, at(solarDip, "2024-06-03T16:00:00Z"));
  }

  @Test
  void toHour24CoversTheLastHourOfTheDay() {
    IntensitySchedule night =
        new IntensitySchedule(
            List.of(ScheduleEntry.everyDay(0, 6, 150), ScheduleEntry.everyDay(22, 24, 160)),
            300,
            ZoneOffset.UTC,
            "");
    assertEquals(160, at(night, "2024-06-03T23:59:59Z"));
    assertEquals(150, at(night, "2024-06-04T00:00:00Z"));
    assertEquals(300, at(night, "2024-06-03T21:59:59Z"));
  }

  @Test
  void weekdayEntriesListedFirstOverrideEveryDayEntries() {
    IntensitySchedule weekend =
        new IntensitySchedule(
            List.of(
                new ScheduleEntry(Set.of(SATURDAY, SUNDAY), 10, 16, 80),
                ScheduleEntry.everyDay(10, 16, 120)),
            300,
            ZoneOffset.UTC,
            "");
    assertEquals(80, at(weekend, "2024-06-01T12:00:00Z")); // Saturday
    assertEquals(80, at(weekend, "2024-06-02T12:00:00Z")); // Sunday
    assertEquals(120, at(weekend, "2024-06-03T12:00:00Z")); // Monday
    assertEquals(300, at(weekend, "2024-06-01T09:00:00Z"));

    IntensitySchedule everyDayFirst =
        new IntensitySchedule(
            List.of(
                ScheduleEntry.everyDay(10, 16, 120),
                new ScheduleEntry(Set.of(SATURDAY, SUNDAY), 10, 16, 80)),
            300,
            ZoneOffset.UTC,
            "");
    assertEquals(120, at(everyDayFirst, "2024-06-01T12:00:00Z"));
  }

  @Test
  void hoursAndWeekdaysAreThoseOfTheConfiguredTimeZone() {
    IntensitySchedule sundayNights =
        new IntensitySchedule(
            List.of(new ScheduleEntry(Set.of(SUNDAY), 0, 6, 40)),
            100,
            ZoneId.of("Pacific/Auckland"),
            "NZ");
    // Saturday 13:00 UTC is Sunday 01:00 in Auckland (NZST, +12).
    assertEquals(40, at(sundayNights, "2024-06-01T13:00:00Z"));
    assertEquals(100, at(sundayNights, "2024-06-01T11:59:59Z"));
  }

  @Test
  void theHourSkippedWhenLondonClocksGoForwardNeverApplies() {
    // 2024-03-31: 01:00 GMT becomes 02:00 BST.
    IntensitySchedule schedule =
        new IntensitySchedule(
            List.of(ScheduleEntry.everyDay(1, 2, 50), ScheduleEntry.everyDay(2, 3, 60)),
            200,
            LONDON,
            "GB");
    assertEquals(200, at(schedule, "2024-03-31T00:59:59Z")); // 00:59 GMT
    assertEquals(60, at(schedule, "2024-03-31T01:00:00Z")); // 02:00 BST
    assertEquals(60, at(schedule, "2024-03-31T01:59:59Z")); // 02:59 BST
    assertEquals(200, at(schedule, "2024-03-31T02:00:00Z")); // 03:00 BST
  }

  @Test
  void theHourRepeatedWhenLondonClocksGoBackAppliesTwice() {
    // 2024-10-27: 02:00 BST becomes 01:00 GMT.
    IntensitySchedule schedule =
        new IntensitySchedule(List.of(ScheduleEntry.everyDay(1, 2, 50)), 200, LONDON, "GB");
    assertEquals(200, at(schedule, "2024-10-26T23:59:59Z")); // 00:59 BST
    assertEquals(50, at(schedule, "2024-10-27T00:00:00Z")); // 01:00 BST
    assertEquals(50, at(schedule, "2024-10-27T01:59:59Z")); // 01:59 GMT
    assertEquals(200, at(schedule, "2024-10-27T02:00:00Z")); // 02:00 GMT
  }

  @Test
  void reportsAsScheduleWithoutAgeOrFallback() {
    IntensitySchedule schedule =
        new IntensitySchedule(List.of(ScheduleEntry.everyDay(10, 16, 120)), 300, LONDON, "GB");
    assertEquals(
        new CarbonIntensity(120, CarbonIntensity.SCHEDULE, "GB", 0, false, null),
        schedule.at(Instant.parse("2024-06-03T11:00:00Z")));
  }

  @Test
  void validationNamesTheEntryAndTheField() {
    assertEquals(
        "schedule entry 1: from_hour must be 0 to 23, got 24", invalid(entry(24, 24, 100)));
    assertEquals("schedule entry 1: to_hour must be 1 to 24, got 25", invalid(entry(3, 25, 100)));
    assertEquals("schedule entry 1: from_hour must be 0 to 23, got -1", invalid(entry(-1, 4, 100)));
    assertEquals(
        "schedule entry 1: to_hour 5 must be after from_hour 7 (split a range across midnight"
            + " into two entries)",
        invalid(entry(7, 5, 100)));
    assertEquals(
        "schedule entry 1: grams_per_kwh must not be negative, got -3.0 gCO2e/kWh",
        invalid(entry(1, 2, -3)));
    assertEquals(
        "schedule entry 1: grams_per_kwh must be a finite number of gCO2e/kWh, got NaN",
        invalid(entry(1, 2, Double.NaN)));
    assertEquals(
        "schedule entry 1: grams_per_kwh must be at most 5000 gCO2e/kWh, got 6000.0",
        invalid(entry(1, 2, 6000)));
    assertEquals("schedule entry 1: is missing", invalid(null));
    assertEquals(
        "schedule default_grams_per_kwh must not be negative, got -1.0 gCO2e/kWh",
        assertThrows(
                IllegalArgumentException.class,
                () -> new IntensitySchedule(List.of(), -1, LONDON, ""))
            .getMessage());
  }

  private static ScheduleEntry entry(int from, int to, double grams) {
    return ScheduleEntry.everyDay(from, to, grams);
  }

  /** The message for a schedule whose second entry (index 1) is {@code bad}. */
  private static String invalid(ScheduleEntry bad) {
    List<ScheduleEntry> entries = Arrays.asList(ScheduleEntry.everyDay(0, 1, 100), bad);
    return assertThrows(
            IllegalArgumentException.class, () -> new IntensitySchedule(entries, 300, LONDON, ""))
        .getMessage();
  }
}
