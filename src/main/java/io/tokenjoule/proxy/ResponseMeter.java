package io.tokenjoule.proxy;

import io.vertx.core.buffer.Buffer;

/**
 * Reads a response body as it passes to the client and says what to forward. Confined to the event
 * loop of its exchange. A meter never fails: what it cannot read it forwards as is and marks
 * malformed in its {@link TokenTally}.
 */
interface ResponseMeter {

  /**
   * The most bytes a meter holds at once: an unfinished SSE event or NDJSON line, or the longest
   * string of a JSON body. Past it the meter stops reading and forwards the rest untouched.
   */
  int MAX_HELD_BYTES = 1 << 20;

  /** Reads the next piece of the body; returns the bytes to forward now (maybe none). */
  Buffer onChunk(Buffer chunk);

  /** The body ended; returns the bytes still to forward. */
  Buffer onEnd();

  TokenTally tally();

  /** A meter that forwards everything and reads nothing: a body in no format the proxy reads. */
  static ResponseMeter passThrough() {
    TokenTally tally = new TokenTally();
    return new ResponseMeter() {
      @Override
      public Buffer onChunk(Buffer chunk) {
        return chunk;
      }

      @Override
      public Buffer onEnd() {
        return Buffer.buffer();
      }

      @Override
      public TokenTally tally() {
        return tally;
      }
    };
  }
}
