package io.tokenjoule.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The fields of one log line, in the order both formats write them: {@code ts}, {@code level},
 * {@code logger}, {@code msg}, the event's SLF4J key-value pairs, then {@code err} and {@code
 * stack} when it carries an exception.
 *
 * @param ts UTC with milliseconds, for example {@code 2026-11-22T19:47:21.123Z}
 * @param level lower case: {@code debug}, {@code info}, ...
 * @param logger the logger's simple name: the part after its last dot
 * @param msg the formatted message
 * @param pairs the event's key-value pairs in the order they were added; values as given
 * @param err {@code Class: message} of the exception, or null without one
 * @param stack the exception's stack trace over several lines, or null without an exception or when
 *     not asked for
 */
record LogLine(
    String ts,
    String level,
    String logger,
    String msg,
    List<Map.Entry<String, Object>> pairs,
    String err,
    String stack) {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static LogLine of(ILoggingEvent event, boolean withStack) {
    List<Map.Entry<String, Object>> pairs = new ArrayList<>();
    List<KeyValuePair> kv = event.getKeyValuePairs();
    if (kv != null) {
      for (KeyValuePair pair : kv) {
        pairs.add(new AbstractMap.SimpleImmutableEntry<>(pair.key, pair.value));
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    String err = null;
    String stack = null;
    if (thrown != null) {
      err =
          thrown.getMessage() == null
              ? thrown.getClassName()
              : thrown.getClassName() + ": " + thrown.getMessage();
      if (withStack) {
        stack = ThrowableProxyUtil.asString(thrown).stripTrailing();
      }
    }
    String name = event.getLoggerName();
    return new LogLine(
        TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())),
        event.getLevel().toString().toLowerCase(Locale.ROOT),
        name.substring(name.lastIndexOf('.') + 1),
        event.getFormattedMessage(),
        pairs,
        err,
        stack);
  }
}
