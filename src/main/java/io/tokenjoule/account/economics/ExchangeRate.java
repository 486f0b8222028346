package io.tokenjoule.account.economics;

import java.util.Currency;
import java.util.Objects;

/**
 * A configured conversion from the tariff's currency into another one. Figures converted with it
 * are indicative: the rate is whatever the operator wrote, not a market rate.
 *
 * @param currency the currency converted into
 * @param perBaseUnit units of {@code currency} per unit of the tariff's currency, {@code > 0}
 */
public record ExchangeRate(Currency currency, double perBaseUnit) {

  public ExchangeRate {
    Objects.requireNonNull(currency, "currency");
    if (!(perBaseUnit > 0) || Double.isInfinite(perBaseUnit)) {
      throw new IllegalArgumentException(
          "an exchange rate must be a finite number > 0, got " + perBaseUnit);
    }
  }
}
