package io.tokenjoule.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Time zones as the configuration writes them: {@code UTC}, {@code Europe/Berlin}. */
final class TimeZoneSyntax {

  static final String EXPECTED = "a time zone such as UTC or Europe/Berlin";

  private TimeZoneSyntax() {}

  /**
   * @throws IllegalArgumentException naming the text and what is allowed
   */
  static ZoneId parse(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "expected " + EXPECTED + ", got '" + text + "' (" + e.getMessage() + ")");
    }
  }
}
