package io.tokenjoule.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * How each log event is written, as {@code --log.format} names it: one line per event either way.
 */
public enum LogFormat {
  /** {@code key=value} pairs, as Prometheus exporters log by default. */
  LOGFMT,
  /** One JSON object per line with the same fields. */
  JSON;

  /** The name on the command line: {@code logfmt} or {@code json}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A new, unstarted layout for this format.
   *
   * @param withStack whether an exception's stack trace is written too, not only its class and
   *     message
   */
  LayoutBase<ILoggingEvent> layout(boolean withStack) {
    return this == LOGFMT ? new LogfmtLayout(withStack) : new JsonLogLayout(withStack);
  }

  /**
   * The format {@code text} names, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogFormat parse(String text) {
    for (LogFormat format : values()) {
      if (format.name().equalsIgnoreCase(text.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a log format; expected logfmt or json");
  }
}
