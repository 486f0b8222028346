package io.tokenjoule.account.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TariffTest {

  private static final EnergyPrice BASE = new EnergyPrice(0.20, Money.currency("eur"));

  /** Weekday peak 17:00–21:00 at 0.40, night 00:00–06:00 every day at 0.10, Berlin time. */
  private final Tariff tariff =
      new Tariff(
          BASE,
          ZoneId.of("Europe/Berlin"),
          List.of(
              new TariffWindow(
                  Set.of(
                      DayOfWeek.MONDAY,
                      DayOfWeek.TUESDAY,
                      DayOfWeek.WEDNESDAY,
                      DayOfWeek.THURSDAY,
                      DayOfWeek.FRIDAY),
                  17 * 60,
                  21 * 60,
                  0.40),
              new TariffWindow(Set.of(), 0, 6 * 60, 0.10)));

  private double priceAt(String instant) {
    return tariff.priceAt(Instant.parse(instant)).perKilowattHour();
  }

  @Test
  void windowsApplyInTheTariffsTimeZoneWithInclusiveStartAndExclusiveEnd() {
    // 2026-11-23 is a Monday; Berlin is UTC+1 in November.
    assertEquals(0.20, priceAt("2026-11-23T15:59:59Z"));
    assertEquals(0.40, priceAt("2026-11-23T16:00:00Z"));
    assertEquals(0.40, priceAt("2026-11-23T19:59:59Z"));
    assertEquals(0.20, priceAt("2026-11-23T20:00:00Z"));
    assertEquals(0.10, priceAt("2026-11-22T23:00:00Z"), "Monday 00:00 in Berlin");
    assertEquals(0.20, priceAt("2026-11-23T05:00:00Z"), "Monday 06:00 in Berlin");
  }

  @Test
  void weekdayWindowsSkipOtherDays() {
    assertEquals(0.20, priceAt("2026-11-28T17:00:00Z"), "Saturday 18:00 in Berlin");
    assertEquals(0.10, priceAt("2026-11-28T02:00:00Z"), "night applies every day");
  }

  @Test
  void summerTimeMovesTheWindowInUtc() {
    // 2026-07-06 is a Monday; Berlin is UTC+2 in July.
    assertEquals(0.40, priceAt("2026-07-06T15:00:00Z"));
    assertEquals(0.20, priceAt("2026-07-06T19:00:00Z"));
  }

  @Test
  void keepsTheCurrencyOfTheBase() {
    assertEquals(
        "EUR", tariff.priceAt(Instant.parse("2026-11-23T16:00:00Z")).currency().getCurrencyCode());
  }

  @Test
  void rejectsWindowsThatDoNotRunForward() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> new TariffWindow(Set.of(), 22 * 60, 6 * 60, 1))
            .getMessage();
    assertEquals(
        "a tariff window runs from 00:00..23:59 to a later time up to 24:00, got 22:00 to 06:00;"
            + " split a window that crosses midnight in two",
        message);
  }

  @Test
  void rejectsCodesThatAreNotIso4217() {
    assertEquals(
        "ABC is not an ISO 4217 currency code",
        assertThrows(IllegalArgumentException.class, () -> Money.currency("ABC")).getMessage());
    assertEquals(
        "currency must be a three-letter ISO 4217 code such as USD or EUR, got dollars",
        assertThrows(IllegalArgumentException.class, () -> Money.currency("dollars")).getMessage());
  }
}
