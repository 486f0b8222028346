package io.tokenjoule.config;

import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Plain decimal numbers as the configuration writes them: {@code 0.12}, {@code 350}, {@code 1e-3}.
 */
final class NumberSyntax {

  static final String EXPECTED = "a number such as 0.12";

  private NumberSyntax() {}

  /** Reads a number at {@code at} that must keep {@code ok} (described by {@code rule}). */
  static Optional<Double> read(Located at, DoublePredicate ok, String rule, Problems problems) {
    return at.within(at.parse(problems, EXPECTED, NumberSyntax::parse), ok::test, rule, problems);
  }

  /**
   * @throws IllegalArgumentException for anything but a finite decimal number
   */
  static double parse(String text) {
    if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("number '" + text + "' is too large");
    }
    return value;
  }
}
