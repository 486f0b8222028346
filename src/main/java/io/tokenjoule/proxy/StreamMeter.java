package io.tokenjoule.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Meters a streamed response: OpenAI server-sent events ({@code data: {...}} events, ended by
 * {@code data: [DONE]}) or Ollama's NDJSON (one object per line, the last with {@code "done": true}
 * and the counts). Each event or line is read as it completes. When the proxy asked for usage on
 * the client's behalf, the usage-only event is taken out, so the client receives exactly the other
 * bytes, in order.
 */
final class StreamMeter implements ResponseMeter, RecordFramer.Sink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = "data:";

  private final boolean sse;
  private final boolean stripUsage;
  private final TokenTally tally = new TokenTally();
  private final RecordFramer framer;

  private StreamMeter(boolean sse, boolean stripUsage) {
    this.sse = sse;
    this.stripUsage = stripUsage;
    this.framer = new RecordFramer(sse, stripUsage, MAX_HELD_BYTES, this);
  }

  /**
   * @param stripUsage whether to take the usage-only event out (the proxy asked for it)
   */
  static StreamMeter sse(boolean stripUsage) {
    return new StreamMeter(true, stripUsage);
  }

  static StreamMeter ndjson() {
    return new StreamMeter(false, false);
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    return framer.feed(chunk);
  }

  @Override
  public Buffer onEnd() {
    return framer.end();
  }

  @Override
  public TokenTally tally() {
    return tally;
  }

  @Override
  public boolean accept(Buffer record) {
    String payload = sse ? eventData(record.toString(StandardCharsets.UTF_8)) : line(record);
    if (payload == null || payload.equals("[DONE]")) {
      return true;
    }
    JsonNode object;
    try {
      object = JSON.readTree(payload);
    } catch (IOException e) {
      tally.malformed();
      return true;
    }
    boolean usageOnly = UsageFields.read(object, tally);
    return !(stripUsage && usageOnly);
  }

  @Override
  public void overflowed() {
    tally.malformed();
  }

  /** An NDJSON line's text, or null for a blank line. */
  private static String line(Buffer record) {
    String text = record.toString(StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? null : text;
  }

  /** The event's data (its {@code data:} lines joined by newlines), or null when it has none. */
  private static String eventData(String event) {
    StringBuilder data = null;
    for (String line : event.split("\r?\n")) {
      if (!line.startsWith(DATA)) {
        continue; // comments, event:, id:, retry: and the empty line
      }
      String value = line.substring(DATA.length());
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (data == null) {
        data = new StringBuilder(value);
      } else {
        data.append('\n').append(value);
      }
    }
    return data == null ? null : data.toString();
  }
}
