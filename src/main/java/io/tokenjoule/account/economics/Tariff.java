package io.tokenjoule.account.economics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The price of electricity over time: a base price, and optional time-of-use windows that replace
 * it on some weekdays and hours in a time zone. The first window that covers an instant wins.
 *
 * @param base the price outside every window, and the tariff's currency
 * @param zone the time zone the windows' days and hours are local to
 * @param windows time-of-use windows, in priority order; prices in the base's currency
 */
public record Tariff(EnergyPrice base, ZoneId zone, List<TariffWindow> windows) {

  public Tariff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(zone, "zone");
    windows = List.copyOf(windows);
  }

  /** One price at every hour. */
  public static Tariff flat(EnergyPrice price) {
    return new Tariff(price, ZoneId.of("UTC"), List.of());
  }

  /** The price in force at {@code instant}. */
  public EnergyPrice priceAt(Instant instant) {
    if (windows.isEmpty()) {
      return base;
    }
    ZonedDateTime local = instant.atZone(zone);
    for (TariffWindow window : windows) {
      if (window.covers(local.getDayOfWeek(), local.toLocalTime())) {
        return new EnergyPrice(window.perKilowattHour(), base.currency());
      }
    }
    return base;
  }
}
