package io.tokenjoule.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/** The least severe messages logged, as {@code --log.level} names them. */
public enum LogLevel {
  DEBUG(Level.DEBUG),
  INFO(Level.INFO),
  WARN(Level.WARN),
  ERROR(Level.ERROR);

  private final Level logback;

  LogLevel(Level logback) {
    this.logback = logback;
  }

  Level logback() {
    return logback;
  }

  /** The name on the command line: {@code debug}, {@code info}, {@code warn}, {@code error}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level {@code text} names, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogLevel parse(String text) {
    for (LogLevel level : values()) {
      if (level.name().equalsIgnoreCase(text.trim())) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a log level; expected debug, info, warn or error");
  }
}
