package io.tokenjoule.scrape;

import java.nio.charset.StandardCharsets;

/**
 * Reads the numbers of an exposition line from bytes: sample values in Go's float syntax and
 * integer timestamps. Results land in {@link #value} and {@link #longValue}; the methods return
 * false, instead of throwing, when the bytes are not a number.
 *
 * <p>Values with at most 18 significant digits and a decimal exponent within ±22 (every value
 * prometheus_client or the Go client writes for a token counter) are computed exactly: the digits
 * are an exact long, the power of ten is an exact double, and one multiplication or division rounds
 * once, which is the correctly rounded result. Anything else goes through {@link
 * Double#parseDouble}, after the syntax has been checked here.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class NumberParser {

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long EXACT_MANTISSA_LIMIT = 1L << 53;
  private static final long DIGIT_LIMIT = 100_000_000_000_000_000L;

  /** The last value read by {@link #parseDouble}. */
  double value;

  /** The last value read by {@link #parseLong}. */
  long longValue;

  /**
   * Reads a float: {@code [+-](digits[.digits] | .digits)[(e|E)[+-]digits]}, or NaN, Inf, Infinity
   * with an optional sign, in any case.
   */
  boolean parseDouble(byte[] b, int from, int to) {
    int p = from;
    if (p >= to) {
      return false;
    }
    boolean negative = false;
    if (b[p] == '+' || b[p] == '-') {
      negative = b[p] == '-';
      p++;
      if (p == to) {
        return false;
      }
    }
    int first = b[p] | 0x20;
    if (first == 'i' || first == 'n') {
      return parseSpecial(b, p, to, negative);
    }
    long mantissa = 0;
    int exponent = 0;
    boolean digits = false;
    boolean inexact = false;
    while (p < to && isDigit(b[p])) {
      digits = true;
      if (mantissa < DIGIT_LIMIT) {
        mantissa = mantissa * 10 + (b[p] - '0');
      } else {
        exponent++;
        inexact = true;
      }
      p++;
    }
    if (p < to && b[p] == '.') {
      p++;
      while (p < to && isDigit(b[p])) {
        digits = true;
        if (mantissa < DIGIT_LIMIT) {
          mantissa = mantissa * 10 + (b[p] - '0');
          exponent--;
        } else {
          inexact = true;
        }
        p++;
      }
    }
    if (!digits) {
      return false;
    }
    if (p < to && (b[p] | 0x20) == 'e') {
      p++;
      boolean negativeExponent = false;
      if (p < to && (b[p] == '+' || b[p] == '-')) {
        negativeExponent = b[p] == '-';
        p++;
      }
      if (p == to) {
        return false;
      }
      int written = 0;
      while (p < to && isDigit(b[p])) {
        if (written < 100_000) {
          written = written * 10 + (b[p] - '0');
        }
        p++;
      }
      if (p < to) {
        return false;
      }
      exponent += negativeExponent ? -written : written;
    }
    if (p != to) {
      return false;
    }
    double magnitude;
    if (mantissa == 0) {
      magnitude = 0.0;
    } else if (!inexact && mantissa <= EXACT_MANTISSA_LIMIT && exponent >= -22 && exponent <= 22) {
      magnitude =
          exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
    } else {
      magnitude =
          Math.abs(Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1)));
    }
    value = negative ? -magnitude : magnitude;
    return true;
  }

  private boolean parseSpecial(byte[] b, int p, int to, boolean negative) {
    if (matchesIgnoreCase(b, p, to, "nan")) {
      value = Double.NaN;
      return true;
    }
    if (matchesIgnoreCase(b, p, to, "inf") || matchesIgnoreCase(b, p, to, "infinity")) {
      value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return true;
    }
    return false;
  }

  /** Reads a decimal integer with an optional sign that fits a long. */
  boolean parseLong(byte[] b, int from, int to) {
    int p = from;
    if (p >= to) {
      return false;
    }
    boolean negative = b[p] == '-';
    if (b[p] == '+' || b[p] == '-') {
      p++;
    }
    if (p == to) {
      return false;
    }
    long result = 0;
    while (p < to) {
      byte c = b[p++];
      if (!isDigit(c)) {
        return false;
      }
      // accumulate negatively so that Long.MIN_VALUE fits
      if (result < (Long.MIN_VALUE + (c - '0')) / 10) {
        return false;
      }
      result = result * 10 - (c - '0');
    }
    if (!negative) {
      if (result == Long.MIN_VALUE) {
        return false;
      }
      result = -result;
    }
    longValue = result;
    return true;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean matchesIgnoreCase(byte[] b, int from, int to, String lowerCase) {
    if (to - from != lowerCase.length()) {
      return false;
    }
    for (int i = 0; i < lowerCase.length(); i++) {
      if ((b[from + i] | 0x20) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
