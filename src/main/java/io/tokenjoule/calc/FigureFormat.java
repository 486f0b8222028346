package io.tokenjoule.calc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/**
 * How the calculator writes numbers for people. Three rules, each for one kind of figure:
 *
 * <ul>
 *   <li>{@link #quantity}: physical amounts (J, Wh, kWh, g, L): two decimals, more where needed to
 *       keep two significant digits ({@code 2.24}, {@code 0.31}, {@code 0.067}); whole numbers with
 *       thousands separators from 1000 ({@code 49,056}).
 *   <li>{@link #money}: two decimals from one cent ({@code $0.05}, {@code $3,924.48}); below a
 *       cent, one significant digit ({@code $0.00002}), so a tiny cost is never shown as zero.
 *   <li>{@link #count}: how many of something: k, M, G or T so that at most three digits remain,
 *       one decimal below 100 of the unit ({@code 3.2k}, {@code 216M}, {@code 78.8G}), a trailing
 *       {@code .0} dropped.
 * </ul>
 *
 * Rounding is half up, on the shortest decimal that represents the double. Separators are always
 * {@code ,} and {@code .}. Stateless.
 */
public final class FigureFormat {

  private static final String[] SUFFIXES = {"", "k", "M", "G", "T"};
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private FigureFormat() {}

  /** A physical amount, without its unit. */
  public static String quantity(double value) {
    requireFinite(value);
    BigDecimal exact = BigDecimal.valueOf(value);
    if (exact.signum() == 0) {
      return "0.00";
    }
    if (exact.abs().compareTo(THOUSAND) < 0) {
      int exponent = exact.precision() - exact.scale() - 1;
      BigDecimal rounded = exact.setScale(Math.max(2, 1 - exponent), RoundingMode.HALF_UP);
      if (rounded.abs().compareTo(THOUSAND) < 0) {
        return rounded.toPlainString();
      }
    }
    return String.format(Locale.US, "%,d", exact.setScale(0, RoundingMode.HALF_UP).toBigInteger());
  }

  /**
   * An amount of money in {@code currency}, with its symbol ({@code $0.05}) or code ({@code 0.05
   * CHF}).
   */
  public static String money(double amount, Currency currency) {
    requireFinite(amount);
    BigDecimal exact = BigDecimal.valueOf(amount);
    String digits;
    if (exact.signum() == 0) {
      digits = "0.00";
    } else {
      BigDecimal oneDigit = exact.round(new MathContext(1, RoundingMode.HALF_UP));
      digits =
          oneDigit.abs().compareTo(CENT) < 0
              ? oneDigit.toPlainString()
              : String.format(Locale.US, "%,.2f", exact);
    }
    return withCurrency(digits, currency);
  }

  /**
   * {@code amount} as written, with the currency's US-English symbol in front ({@code $}, {@code
   * €}, {@code £}) or, where that symbol is only the code, the code after it.
   */
  public static String withCurrency(String amount, Currency currency) {
    String symbol = currency.getSymbol(Locale.US);
    return symbol.equals(currency.getCurrencyCode()) ? amount + " " + symbol : symbol + amount;
  }

  /** How many of something: {@code 3.2k}, {@code 500}, {@code 216M}. */
  public static String count(double value) {
    requireFinite(value);
    BigDecimal mantissa = BigDecimal.valueOf(value);
    if (mantissa.signum() == 0) {
      return "0";
    }
    if (mantissa.abs().compareTo(BigDecimal.ONE) < 0) {
      return mantissa
          .round(new MathContext(2, RoundingMode.HALF_UP))
          .stripTrailingZeros()
          .toPlainString();
    }
    int group = 0;
    while (mantissa.abs().compareTo(THOUSAND) >= 0 && group < SUFFIXES.length - 1) {
      mantissa = mantissa.movePointLeft(3);
      group++;
    }
    mantissa =
        mantissa.setScale(mantissa.abs().compareTo(HUNDRED) < 0 ? 1 : 0, RoundingMode.HALF_UP);
    if (mantissa.abs().compareTo(THOUSAND) >= 0 && group < SUFFIXES.length - 1) {
      mantissa = mantissa.movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
      group++;
    }
    if (mantissa.scale() > 0 && mantissa.remainder(BigDecimal.ONE).signum() == 0) {
      mantissa = mantissa.setScale(0, RoundingMode.UNNECESSARY);
    }
    return mantissa.toPlainString() + SUFFIXES[group];
  }

  /**
   * A number as the user wrote it: shortest decimal, no exponent, no trailing zeros ({@code 5600}).
   */
  public static String plain(double value) {
    requireFinite(value);
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void requireFinite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
  }
}
