package io.tokenjoule.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;

/** Logging events made by hand, at a fixed time, for the layout tests. */
final class LoggingEvents {

  static final Instant AT = Instant.parse("2026-11-22T19:47:21.123Z");

  private static final LoggerContext CONTEXT = new LoggerContext();

  private LoggingEvents() {}

  /**
   * @param pairs key, value, key, value...
   */
  static LoggingEvent event(
      String logger, Level level, String message, Throwable thrown, Object... pairs) {
    LoggingEvent event =
        new LoggingEvent(
            LoggingEvents.class.getName(), CONTEXT.getLogger(logger), level, message, thrown, null);
    event.setTimeStamp(AT.toEpochMilli());
    for (int i = 0; i < pairs.length; i += 2) {
      event.addKeyValuePair(new KeyValuePair((String) pairs[i], pairs[i + 1]));
    }
    return event;
  }
}
