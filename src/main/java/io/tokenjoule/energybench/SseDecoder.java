package io.tokenjoule.energybench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a server-sent-events byte stream into event payloads: the {@code data:} lines of one event
 * joined by newlines, handed over at the blank line that ends it. Lines may end in LF or CRLF and
 * arrive split anywhere; comments ({@code :}) and other fields are ignored. Not thread-safe: one
 * decoder per stream.
 */
public final class SseDecoder {

  /** Lines longer than this are a broken server, not an event. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /** Events longer than this (many data lines, never a blank one) are a broken server too. */
  public static final int MAX_EVENT_CHARS = 4 << 20;

  private final Consumer<String> events;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  public SseDecoder(Consumer<String> events) {
    this.events = events;
  }

  /**
   * Feeds bytes as they arrive.
   *
   * @throws IllegalStateException when a line exceeds {@link #MAX_LINE_BYTES}, or an event {@link
   *     #MAX_EVENT_CHARS}
   */
  public void feed(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n') {
        endLine();
      } else {
        if (line.size() >= MAX_LINE_BYTES) {
          throw new IllegalStateException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(b);
      }
    }
  }

  private void endLine() {
    byte[] raw = line.toByteArray();
    line.reset();
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    String text = new String(raw, 0, length, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      if (hasData) {
        String payload = data.toString();
        data.setLength(0);
        hasData = false;
        events.accept(payload);
      }
      return;
    }
    if (text.startsWith("data:")) {
      String value = text.substring(5);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (data.length() + value.length() + 1 > MAX_EVENT_CHARS) {
        throw new IllegalStateException("SSE event longer than " + MAX_EVENT_CHARS + " chars");
      }
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
  }
}
