package io.tokenjoule.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes: a whole number, optionally followed by a unit. Binary units ({@code KiB}, {@code
 * MiB}, {@code GiB}, {@code TiB}) are powers of 1024; decimal units ({@code kB} or {@code KB},
 * {@code MB}, {@code GB}, {@code TB}) are powers of 1000; {@code B} is one byte. Stateless.
 */
public final class ByteSizeSyntax {

  /** How a size is described in messages, after "expected". */
  public static final String EXPECTED = "a byte count or a size such as 512KiB, 16MiB or 10MB";

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)([A-Za-z]*)");

  private static final long KIB = 1024;

  /** Bytes per unit; the empty unit is a plain byte count. */
  private static final Map<String, Long> UNITS =
      Map.ofEntries(
          Map.entry("", 1L),
          Map.entry("B", 1L),
          Map.entry("kB", 1_000L),
          Map.entry("KB", 1_000L),
          Map.entry("MB", 1_000_000L),
          Map.entry("GB", 1_000_000_000L),
          Map.entry("TB", 1_000_000_000_000L),
          Map.entry("KiB", KIB),
          Map.entry("MiB", KIB * KIB),
          Map.entry("GiB", KIB * KIB * KIB),
          Map.entry("TiB", KIB * KIB * KIB * KIB));

  private ByteSizeSyntax() {}

  /**
   * Parses {@code text} into bytes.
   *
   * @throws IllegalArgumentException with a message saying what is allowed, for example {@code
   *     expected a byte count or a size such as 512KiB, 16MiB or 10MB, got '16XB'}
   */
  public static long parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
    if (unit == null) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
  }

  /**
   * Formats bytes in the largest binary unit that divides them exactly: {@code 16MiB}, {@code
   * 1GiB}, {@code 1500B}.
   */
  public static String format(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    long amount = bytes;
    int unit = 0;
    while (amount != 0 && amount % KIB == 0 && unit < units.length - 1) {
      amount /= KIB;
      unit++;
    }
    return amount + units[unit];
  }
}
