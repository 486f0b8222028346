package io.tokenjoule.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax: whole numbers with units from largest to smallest, each unit at
 * most once, as in {@code 500ms}, {@code 1s}, {@code 1m30s}, {@code 2h} or {@code 1d12h}. Units are
 * {@code y} (365 days), {@code w}, {@code d}, {@code h}, {@code m}, {@code s} and {@code ms}; a
 * bare {@code 0} means zero. Fractions and negative values are not allowed. Stateless.
 */
public final class DurationSyntax {

  /** How a duration is described in messages, after "expected". */
  public static final String EXPECTED = "a duration such as 1s or 500ms";

  private static final Pattern SYNTAX =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  /** Milliseconds per unit, in the order of the pattern's groups. */
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1_000, 1
  };

  private DurationSyntax() {}

  /** Reads a duration at {@code at}, reporting a bad one there. */
  static Optional<Duration> read(Located at, Problems problems) {
    return at.parse(problems, EXPECTED, DurationSyntax::parse);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message saying what is allowed, for example {@code
   *     expected a duration such as 1s or 500ms, got 'fast'}
   */
  public static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SYNTAX.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      String hint =
          text.chars().allMatch(Character::isDigit) && !text.isEmpty()
              ? " (a unit is required)"
              : "";
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'" + hint);
    }
    long millis = 0;
    try {
      for (int group = 1; group <= UNIT_MILLIS.length; group++) {
        String digits = m.group(group);
        if (digits != null) {
          millis =
              Math.addExact(
                  millis, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[group - 1]));
        }
      }
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException("duration '" + text + "' is too large");
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Formats a duration the way {@link #parse} reads it, with hours as the largest unit: {@code
   * 1m30s}, {@code 500ms}, {@code 24h}, {@code 0s}. Sub-millisecond parts are dropped.
   *
   * @throws IllegalArgumentException for a negative duration
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, millis / 3_600_000, "h");
    append(out, millis / 60_000 % 60, "m");
    append(out, millis / 1_000 % 60, "s");
    append(out, millis % 1_000, "ms");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }
}
