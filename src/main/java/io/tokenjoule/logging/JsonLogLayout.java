package io.tokenjoule.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes an event as one JSON object per line, with the fields of {@link LogfmtLayout} in the same
 * order: {@code
 * {"ts":"2026-11-22T19:47:21.123Z","level":"info","logger":"AgentCommand","msg":"..."}}. Key-value
 * pairs keep their type when JSON has it (integers, finite floating point numbers, booleans, null);
 * everything else is written as its string. Jackson escapes quotes, backslashes and control
 * characters, so a newline in a message stays inside the line. Thread-safe.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

  private static final JsonFactory JSON = new JsonFactory();

  private final boolean withStack;

  /** Writes no stack traces. */
  public JsonLogLayout() {
    this(false);
  }

  /**
   * @param withStack whether an exception's stack trace is written as {@code stack}
   */
  public JsonLogLayout(boolean withStack) {
    this.withStack = withStack;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    LogLine line = LogLine.of(event, withStack);
    StringWriter out = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", line.ts());
      json.writeStringField("level", line.level());
      json.writeStringField("logger", line.logger());
      json.writeStringField("msg", line.msg());
      for (Map.Entry<String, Object> pair : line.pairs()) {
        json.writeFieldName(pair.getKey() == null ? "_" : pair.getKey());
        value(json, pair.getValue());
      }
      if (line.err() != null) {
        json.writeStringField("err", line.err());
      }
      if (line.stack() != null) {
        json.writeStringField("stack", line.stack());
      }
      json.writeEndObject();
    } catch (IOException e) { // a StringWriter does not fail
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d && Double.isFinite(d)) {
      json.writeNumber(d);
    } else if (value instanceof Float f && Float.isFinite(f)) {
      json.writeNumber(f);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof BigDecimal big) {
      json.writeNumber(big);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else {
      json.writeString(String.valueOf(value));
    }
  }
}
