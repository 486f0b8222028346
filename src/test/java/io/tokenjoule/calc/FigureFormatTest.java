package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class FigureFormatTest {

  private static final Currency USD = Currency.getInstance("USD");

  @Test
  void quantitiesHaveTwoDecimalsAndAtLeastTwoSignificantDigits() {
    assertEquals("2.24", FigureFormat.quantity(5600.0 / 2500));
    assertEquals("0.31", FigureFormat.quantity(1120.0 / 3600));
    assertEquals("134.40", FigureFormat.quantity(134.4));
    assertEquals("0.067", FigureFormat.quantity(0.0674));
    assertEquals("0.0012", FigureFormat.quantity(0.00123));
    assertEquals("0.100", FigureFormat.quantity(0.0999));
    assertEquals("0.00", FigureFormat.quantity(0));
  }

  @Test
  void quantitiesFromAThousandAreWholeAndGrouped() {
    assertEquals("49,056", FigureFormat.quantity(49_056));
    assertEquals("1,120", FigureFormat.quantity(1119.5));
    assertEquals("1,000", FigureFormat.quantity(999.996));
    assertEquals("999.99", FigureFormat.quantity(999.994));
    assertEquals("20,160,000", FigureFormat.quantity(2.016e7));
  }

  @Test
  void roundingIsHalfUpOnTheDecimalTheDoubleStandsFor() {
    // 2.675 is 2.67499999... in binary; people wrote 2.675 and expect 2.68.
    assertEquals("2.68", FigureFormat.quantity(2.675));
    assertEquals("0.13", FigureFormat.quantity(0.125));
  }

  @Test
  void moneyHasTwoDecimalsFromACentAndOneSignificantDigitBelow() {
    assertEquals("$0.05", FigureFormat.money(2.24e6 / 3.6e6 * 0.08, USD));
    assertEquals("$0.00002", FigureFormat.money(1120 / 3.6e6 * 0.08, USD));
    assertEquals("$3,924.48", FigureFormat.money(3924.48, USD));
    assertEquals("$10.75", FigureFormat.money(10.752, USD));
    assertEquals("$0.01", FigureFormat.money(0.0149, USD));
    assertEquals("$0.01", FigureFormat.money(0.00999, USD));
    assertEquals("$0.005", FigureFormat.money(0.005, USD));
    assertEquals("$0.0000003", FigureFormat.money(3.4e-7, USD));
    assertEquals("$0.00", FigureFormat.money(0, USD));
  }

  @Test
  void moneyCarriesTheSymbolOrElseTheCode() {
    assertEquals("€0.05", FigureFormat.money(0.05, Currency.getInstance("EUR")));
    assertEquals("£1,234.50", FigureFormat.money(1234.5, Currency.getInstance("GBP")));
    assertEquals("0.05 CHF", FigureFormat.money(0.05, Currency.getInstance("CHF")));
    assertEquals("¥7.50", FigureFormat.money(7.5, Currency.getInstance("JPY")));
    assertEquals("$0.08", FigureFormat.withCurrency("0.08", USD));
  }

  @Test
  void countsAreCompactWithAtMostThreeDigits() {
    assertEquals("3.2k", FigureFormat.count(3.6e6 / 1120));
    assertEquals("6.4k", FigureFormat.count(3.6e6 / 560));
    assertEquals("500", FigureFormat.count(500));
    assertEquals("15", FigureFormat.count(15));
    assertEquals("1.5", FigureFormat.count(1.5));
    assertEquals("216M", FigureFormat.count(2.16e8));
    assertEquals("78.8G", FigureFormat.count(7.884e10));
    assertEquals("1.1k", FigureFormat.count(1050));
    assertEquals("1k", FigureFormat.count(1000));
    assertEquals("1T", FigureFormat.count(1e12));
    assertEquals("2500T", FigureFormat.count(2.5e15));
    assertEquals("0.12", FigureFormat.count(0.123));
    assertEquals("0", FigureFormat.count(0));
  }

  @Test
  void countsThatRoundUpToTheNextUnitTakeIt() {
    assertEquals("100", FigureFormat.count(99.96));
    assertEquals("1k", FigureFormat.count(999.6));
    assertEquals("1M", FigureFormat.count(999_960));
  }

  @Test
  void plainEchoesNumbersAsWritten() {
    assertEquals("5600", FigureFormat.plain(5600));
    assertEquals("0.08", FigureFormat.plain(0.08));
    assertEquals("1.5", FigureFormat.plain(1.5));
  }

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FigureFormat.quantity(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> FigureFormat.money(Double.NaN, USD));
    assertThrows(
        IllegalArgumentException.class, () -> FigureFormat.count(Double.POSITIVE_INFINITY));
  }
}
