package io.tokenjoule.account.economics;

import java.util.Currency;
import java.util.Locale;

/** Currency codes as users write them. */
public final class Money {

  private Money() {}

  /**
   * The ISO 4217 currency named by {@code code}, in any letter case.
   *
   * @throws IllegalArgumentException naming the code when it is not an ISO 4217 code
   */
  public static Currency currency(String code) {
    if (code == null || !code.matches("[A-Za-z]{3}")) {
      throw new IllegalArgumentException(
          "currency must be a three-letter ISO 4217 code such as USD or EUR, got " + code);
    }
    try {
      return Currency.getInstance(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(code + " is not an ISO 4217 currency code", e);
    }
  }
}
