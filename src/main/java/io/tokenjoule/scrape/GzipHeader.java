package io.tokenjoule.scrape;

/**
 * Reads a gzip member's header (RFC 1952) byte by byte as it arrives: the fixed ten bytes, then the
 * optional extra field, file name, comment and header CRC. A header longer than {@value
 * #MAX_HEADER_BYTES} bytes is refused rather than skipped forever. Not thread-safe.
 */
final class GzipHeader {

  static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private enum Part {
    FIXED,
    EXTRA_LENGTH,
    EXTRA,
    NAME,
    COMMENT,
    CRC,
    DONE
  }

  private Part part = Part.FIXED;
  private int read;
  private int flags;
  private int partLeft;
  private int extraLength;

  /**
   * Reads header bytes from {@code bytes[from, to)}.
   *
   * @return the index of the first byte after the header, or {@code to} when it needs more
   */
  int consume(byte[] bytes, int from, int to) throws ScrapeFailure {
    int p = from;
    while (p < to && part != Part.DONE) {
      int b = bytes[p++] & 0xff;
      if (++read > MAX_HEADER_BYTES) {
        throw new ScrapeFailure(ScrapeError.ENCODING, "gzip header longer than 64 KiB");
      }
      switch (part) {
        case FIXED -> fixed(read - 1, b);
        case EXTRA_LENGTH -> {
          extraLength |= b << (8 * (2 - partLeft));
          if (--partLeft == 0) {
            partLeft = extraLength;
            part = extraLength == 0 ? after(Part.EXTRA) : Part.EXTRA;
          }
        }
        case EXTRA -> {
          if (--partLeft == 0) {
            part = after(Part.EXTRA);
          }
        }
        case NAME -> part = b == 0 ? after(Part.NAME) : Part.NAME;
        case COMMENT -> part = b == 0 ? after(Part.COMMENT) : Part.COMMENT;
        case CRC -> part = --partLeft == 0 ? Part.DONE : Part.CRC;
        case DONE -> throw new IllegalStateException();
      }
    }
    return p;
  }

  private void fixed(int index, int b) throws ScrapeFailure {
    switch (index) {
      case 0, 1 -> {
        if (b != (index == 0 ? 0x1f : 0x8b)) {
          throw new ScrapeFailure(ScrapeError.ENCODING, "body is not gzip (bad magic bytes)");
        }
      }
      case 2 -> {
        if (b != 8) {
          throw new ScrapeFailure(ScrapeError.ENCODING, "gzip method " + b + " is not deflate");
        }
      }
      case 3 -> flags = b;
      case 9 -> {
        partLeft = 2;
        part = (flags & FEXTRA) != 0 ? Part.EXTRA_LENGTH : after(Part.EXTRA);
      }
      default -> {} // modification time, extra flags, operating system
    }
  }

  /** The part that follows {@code done}, skipping those the flags leave out. */
  private Part after(Part done) {
    if (done.ordinal() < Part.NAME.ordinal() && (flags & FNAME) != 0) {
      return Part.NAME;
    }
    if (done.ordinal() < Part.COMMENT.ordinal() && (flags & FCOMMENT) != 0) {
      return Part.COMMENT;
    }
    if ((flags & FHCRC) != 0) {
      partLeft = 2;
      return Part.CRC;
    }
    return Part.DONE;
  }

  boolean complete() {
    return part == Part.DONE;
  }

  /** Whether no byte of this header has been read. */
  boolean untouched() {
    return read == 0;
  }

  void reset() {
    part = Part.FIXED;
    read = 0;
    flags = 0;
    extraLength = 0;
    partLeft = 0;
  }
}
