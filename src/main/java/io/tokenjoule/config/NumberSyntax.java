package io.tokenjoule.config;

/**
 * Plain decimal numbers as the configuration writes them: {@code 0.12}, {@code 350}, {@code 1e-3}.
 */
final class NumberSyntax {

  static final String EXPECTED = "a number such as 0.12";

  private NumberSyntax() {}

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
