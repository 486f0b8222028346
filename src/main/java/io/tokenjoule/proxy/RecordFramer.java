package io.tokenjoule.proxy;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a byte stream into records, each with its terminator: SSE events (ended by an empty line) or
 * NDJSON lines (ended by a newline), without copying bytes that need not be held. A {@code \r}
 * before a {@code \n} is part of the line end. Confined to one thread.
 *
 * <p>In <em>hold</em> mode only whole records the {@link Sink} keeps are forwarded, and an
 * unfinished record waits for its end; otherwise every byte is forwarded as it comes and the
 * records are only read. A record longer than {@code maxHeld} ends reading: what is held and
 * everything after it is forwarded untouched.
 */
final class RecordFramer {

  /** Reads one whole record. */
  interface Sink {
    /**
     * @param record the record's bytes, its terminator included
     * @return whether to forward it (only asked in hold mode)
     */
    boolean accept(Buffer record);

    /** A record grew past the limit; nothing more will be read. */
    void overflowed();
  }

  private final boolean eventFraming;
  private final boolean hold;
  private final int maxHeld;
  private final Sink sink;
  private Buffer held = Buffer.buffer();
  private int lineLength;
  private boolean gaveUp;

  /**
   * @param eventFraming true for SSE events (an empty line ends a record), false for lines
   */
  RecordFramer(boolean eventFraming, boolean hold, int maxHeld, Sink sink) {
    this.eventFraming = eventFraming;
    this.hold = hold;
    this.maxHeld = maxHeld;
    this.sink = sink;
  }

  Buffer feed(Buffer chunk) {
    if (gaveUp) {
      return chunk;
    }
    Buffer out = hold ? Buffer.buffer() : chunk;
    int start = 0;
    int length = chunk.length();
    for (int i = 0; i < length; i++) {
      byte b = chunk.getByte(i);
      if (b == '\n') {
        boolean ends = !eventFraming || lineLength == 0;
        lineLength = 0;
        if (ends) {
          Buffer record =
              held.length() == 0
                  ? chunk.slice(start, i + 1)
                  : held.appendBuffer(chunk, start, i + 1 - start);
          held = Buffer.buffer();
          start = i + 1;
          if (sink.accept(record) && hold) {
            out.appendBuffer(record);
          }
        }
      } else if (b != '\r') {
        lineLength++;
      }
    }
    if (start < length) {
      held.appendBuffer(chunk, start, length - start);
    }
    if (held.length() > maxHeld) {
      gaveUp = true;
      sink.overflowed();
      if (hold) {
        out.appendBuffer(held);
      }
      held = Buffer.buffer();
    }
    return out;
  }

  /** The stream ended: an unfinished record is read as one and, in hold mode, forwarded. */
  Buffer end() {
    if (gaveUp || held.length() == 0) {
      return Buffer.buffer();
    }
    Buffer last = held;
    held = Buffer.buffer();
    boolean keep = sink.accept(last);
    return hold && keep ? last : Buffer.buffer();
  }
}
