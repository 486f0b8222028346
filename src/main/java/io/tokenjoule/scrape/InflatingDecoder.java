package io.tokenjoule.scrape;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip or deflate body as its bytes arrive, one block of {@value #BLOCK_BYTES} bytes at
 * a time: however much a small input expands, the decoder never holds more than one block, and it
 * stops the moment its output refuses a block. A gzip body may hold several members, as gzip
 * allows; the trailers' checksums are not verified (the page's own syntax is).
 */
final class InflatingDecoder implements ContentDecoder {

  static final int BLOCK_BYTES = 16 * 1024;

  private enum State {
    GZIP_HEADER,
    DEFLATE_START,
    INFLATING,
    GZIP_TRAILER,
    DONE
  }

  private final boolean gzip;
  private final GzipHeader header = new GzipHeader();
  private final byte[] block = new byte[BLOCK_BYTES];
  private Inflater inflater;
  private State state;
  private int trailerLeft;
  private boolean memberSeen;

  /** What the inflater had not used when its stream ended. */
  private int inflaterRemaining;

  private InflatingDecoder(boolean gzip) {
    this.gzip = gzip;
    this.state = gzip ? State.GZIP_HEADER : State.DEFLATE_START;
  }

  static InflatingDecoder gzip() {
    return new InflatingDecoder(true);
  }

  /** HTTP's deflate is a zlib stream, but some servers send raw deflate: both are read. */
  static InflatingDecoder deflate() {
    return new InflatingDecoder(false);
  }

  @Override
  public boolean decode(byte[] bytes, int offset, int length, Output out) throws ScrapeFailure {
    int p = offset;
    int end = offset + length;
    while (p < end) {
      switch (state) {
        case GZIP_HEADER -> {
          p = header.consume(bytes, p, end);
          if (header.complete()) {
            start(true);
          }
        }
        case DEFLATE_START -> start(!looksLikeZlib(bytes[p] & 0xff));
        case INFLATING -> {
          inflater.setInput(bytes, p, end - p);
          if (!inflate(out)) {
            return false;
          }
          p = end - (state == State.INFLATING ? 0 : inflaterRemaining);
        }
        case GZIP_TRAILER -> {
          int skipped = Math.min(trailerLeft, end - p);
          p += skipped;
          trailerLeft -= skipped;
          if (trailerLeft == 0) {
            header.reset();
            state = State.GZIP_HEADER;
          }
        }
        case DONE -> p = end; // bytes after a deflate stream's end are ignored
      }
    }
    return true;
  }

  private void start(boolean raw) {
    inflater = new Inflater(raw);
    state = State.INFLATING;
    memberSeen = true;
  }

  /** A zlib stream starts with CMF (method 8, window ≤ 32 KiB), which a raw one rarely does. */
  private static boolean looksLikeZlib(int cmf) {
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7;
  }

  private boolean inflate(Output out) throws ScrapeFailure {
    while (true) {
      int n;
      try {
        n = inflater.inflate(block);
      } catch (DataFormatException e) {
        throw new ScrapeFailure(ScrapeError.ENCODING, "body is not valid " + name() + ": " + e);
      }
      if (n > 0 && !out.accept(block, 0, n)) {
        return false;
      }
      if (inflater.finished()) {
        inflaterRemaining = inflater.getRemaining();
        inflater.end();
        inflater = null;
        if (gzip) {
          state = State.GZIP_TRAILER;
          trailerLeft = 8;
        } else {
          state = State.DONE;
        }
        return true;
      }
      if (n == 0) {
        if (inflater.needsDictionary()) {
          throw new ScrapeFailure(
              ScrapeError.ENCODING, "body is " + name() + " with a preset dictionary");
        }
        return true; // needs more input
      }
    }
  }

  private String name() {
    return gzip ? "gzip" : "deflate";
  }

  @Override
  public void end() throws ScrapeFailure {
    boolean whole =
        switch (state) {
          case DONE -> true;
          case GZIP_HEADER -> memberSeen && header.untouched();
          default -> false;
        };
    if (!whole) {
      throw new ScrapeFailure(ScrapeError.ENCODING, name() + " body cut short");
    }
  }

  @Override
  public void close() {
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
  }
}
