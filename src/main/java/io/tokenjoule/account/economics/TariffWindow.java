package io.tokenjoule.account.economics;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A price that applies on some weekdays between two times of day, local to the tariff's time zone.
 *
 * @param days the weekdays it applies on; every day when empty
 * @param fromMinute start, minutes after local midnight, inclusive (0..1439)
 * @param toMinute end, minutes after local midnight, exclusive (1..1440), after {@code fromMinute}
 * @param perKilowattHour the price in the tariff's currency, {@code >= 0}
 */
public record TariffWindow(
    Set<DayOfWeek> days, int fromMinute, int toMinute, double perKilowattHour) {

  public static final int MINUTES_PER_DAY = 24 * 60;

  public TariffWindow {
    Objects.requireNonNull(days, "days");
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    if (fromMinute < 0 || toMinute > MINUTES_PER_DAY || fromMinute >= toMinute) {
      throw new IllegalArgumentException(
          "a tariff window runs from 00:00..23:59 to a later time up to 24:00, got "
              + clock(fromMinute)
              + " to "
              + clock(toMinute)
              + "; split a window that crosses midnight in two");
    }
    if (!(perKilowattHour >= 0) || Double.isInfinite(perKilowattHour)) {
      throw new IllegalArgumentException(
          "price per kWh must be a finite number >= 0, got " + perKilowattHour);
    }
  }

  boolean covers(DayOfWeek day, LocalTime time) {
    int minute = time.getHour() * 60 + time.getMinute();
    return (days.isEmpty() || days.contains(day)) && minute >= fromMinute && minute < toMinute;
  }

  /** {@code hh:mm}, with 24:00 for the end of the day. */
  public static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
