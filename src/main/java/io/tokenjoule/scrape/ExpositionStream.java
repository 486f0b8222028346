package io.tokenjoule.scrape;

import java.util.Arrays;

/**
 * Parses a page as its bytes arrive, in pieces of any size, holding at most one line: a line
 * complete within a piece is parsed where it lies, and only a line split across pieces is copied. A
 * line longer than {@link ParserLimits#maxLineBytes()} is skipped as it streams past, so a page of
 * any length costs the heap one line and the series it keeps.
 *
 * <p>Not thread-safe: one instance per page, fed by one thread at a time.
 */
public final class ExpositionStream {

  private final ExpositionParser parser;
  private final int maxLineBytes;
  private byte[] carry = new byte[256];
  private int carryLength;

  /** Inside a line too long to hold: skipping to its newline. */
  private boolean skipping;

  private boolean finished;

  public ExpositionStream(ExpositionFormat format, SampleSelector selector, ParserLimits limits) {
    this.parser = new ExpositionParser(format, selector, limits);
    this.maxLineBytes = limits.maxLineBytes();
  }

  /**
   * Parses the lines that {@code bytes[offset, offset + length)} completes, and keeps the start of
   * the next one. The array is not kept.
   *
   * @throws ExpositionLimitException when the page is over a limit that refuses it whole; the
   *     stream must not be fed again
   */
  public void feed(byte[] bytes, int offset, int length) throws ExpositionLimitException {
    if (finished) {
      throw new IllegalStateException("the page has ended");
    }
    int end = offset + length;
    int p = offset;
    while (p < end) {
      int newline = indexOfNewline(bytes, p, end);
      if (newline < 0) {
        if (!skipping) {
          hold(bytes, p, end);
        }
        return;
      }
      if (skipping) {
        parser.longLine(carry, 0, carryLength);
        skipping = false;
        carryLength = 0;
      } else if (carryLength == 0) {
        if (newline - p > maxLineBytes) {
          parser.longLine(bytes, p, p + maxLineBytes);
        } else {
          parser.line(bytes, p, newline);
        }
      } else {
        if (carryLength + (newline - p) > maxLineBytes) {
          parser.longLine(carry, 0, carryLength);
        } else {
          append(bytes, p, newline);
          parser.line(carry, 0, carryLength);
        }
        carryLength = 0;
      }
      p = newline + 1;
    }
  }

  /** Ends the page: a last line without its newline is handled as the parser says. */
  public ParseResult finish() throws ExpositionLimitException {
    if (!finished) {
      finished = true;
      if (skipping) {
        parser.longLine(carry, 0, carryLength);
        parser.lastLine(carry, 0, 0);
      } else if (carryLength > 0) {
        parser.lastLine(carry, 0, carryLength);
      }
      carryLength = 0;
      carry = null;
    }
    return parser.result();
  }

  /** Keeps the start of a line; once it is past the longest line held, skips the rest of it. */
  private void hold(byte[] bytes, int from, int to) {
    if (carryLength + (to - from) > maxLineBytes) {
      append(bytes, from, from + Math.max(0, Math.min(to - from, maxLineBytes - carryLength)));
      skipping = true;
      return;
    }
    append(bytes, from, to);
  }

  private void append(byte[] bytes, int from, int to) {
    int needed = carryLength + (to - from);
    if (needed > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(needed, Math.min(2 * carry.length, maxLineBytes)));
    }
    System.arraycopy(bytes, from, carry, carryLength, to - from);
    carryLength = needed;
  }

  private static int indexOfNewline(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
