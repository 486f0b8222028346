package io.tokenjoule.account.economics;

import java.util.Currency;
import java.util.Objects;

/**
 * A price of electricity.
 *
 * @param perKilowattHour price of one kWh of facility energy, {@code >= 0}
 * @param currency the currency the price is in
 */
public record EnergyPrice(double perKilowattHour, Currency currency) {

  public EnergyPrice {
    Objects.requireNonNull(currency, "currency");
    if (!(perKilowattHour >= 0) || Double.isInfinite(perKilowattHour)) {
      throw new IllegalArgumentException(
          "price per kWh must be a finite number >= 0, got " + perKilowattHour);
    }
  }

  /** What {@code facilityJoules} of energy cost at this price. */
  public double costOf(double facilityJoules) {
    return EnergyUnits.kilowattHours(facilityJoules) * perKilowattHour;
  }
}
