package io.tokenjoule.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * Writes an event as one logfmt line: {@code ts=2026-11-22T19:47:21.123Z level=info
 * logger=AgentCommand msg="listening on :9847"}, then the event's key-value pairs, then {@code
 * err="Class: message"} (and {@code stack="..."} when asked) for an exception.
 *
 * <p>A value is written bare unless it is empty or holds a space, {@code =}, a quote, a control
 * character or another whitespace or separator character; then it is quoted, with {@code \}, {@code
 * "}, newline, carriage return and tab escaped as {@code \\ \" \n \r \t} and other such characters
 * as {@code \}{@code uXXXX}, so every event stays on one line. Other non-ASCII text is written as
 * it is. A key loses the characters a key cannot hold (they become {@code _}). Thread-safe.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

  private final boolean withStack;

  /** Writes no stack traces. */
  public LogfmtLayout() {
    this(false);
  }

  /**
   * @param withStack whether an exception's stack trace is written as {@code stack}
   */
  public LogfmtLayout(boolean withStack) {
    this.withStack = withStack;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    LogLine line = LogLine.of(event, withStack);
    StringBuilder out = new StringBuilder(128);
    field(out, "ts", line.ts());
    field(out, "level", line.level());
    field(out, "logger", line.logger());
    field(out, "msg", line.msg());
    for (Map.Entry<String, Object> pair : line.pairs()) {
      field(out, key(pair.getKey()), String.valueOf(pair.getValue()));
    }
    if (line.err() != null) {
      field(out, "err", line.err());
    }
    if (line.stack() != null) {
      field(out, "stack", line.stack());
    }
    return out.append('\n').toString();
  }

  private static void field(StringBuilder out, String key, String value) {
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(key).append('=');
    value(out, value);
  }

  /** Appends {@code value}, quoted and escaped when it needs to be. */
  static void value(StringBuilder out, String value) {
    if (!needsQuotes(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (escaped(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '=' || c == '"' || escaped(c)) {
        return true;
      }
    }
    return false;
  }

  /** Control characters, and whitespace or separators that could break or hide a line. */
  private static boolean escaped(char c) {
    return Character.isISOControl(c)
        || (c != ' ' && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  /** {@code key} with every character a logfmt key cannot hold replaced by {@code _}. */
  static String key(String key) {
    if (key == null || key.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      out.append(c == ' ' || c == '=' || c == '"' || escaped(c) ? '_' : c);
    }
    return out.toString();
  }
}
