package io.tokenjoule.scrape;

import java.util.Locale;

/**
 * Undoes a response's {@code Content-Encoding} as the bytes arrive, handing the decoded bytes on in
 * blocks of bounded size, so that a decompression bomb costs one block at a time and stops as soon
 * as the receiver refuses more. Not thread-safe: one per response.
 */
interface ContentDecoder extends AutoCloseable {

  /** Receives decoded bytes; returns false to stop decoding. */
  @FunctionalInterface
  interface Output {
    boolean accept(byte[] bytes, int offset, int length) throws ScrapeFailure;
  }

  /**
   * Decodes {@code bytes[offset, offset + length)}.
   *
   * @return false when {@code out} asked to stop
   * @throws ScrapeFailure when the bytes are not in the encoding
   */
  boolean decode(byte[] bytes, int offset, int length, Output out) throws ScrapeFailure;

  /**
   * The body ended.
   *
   * @throws ScrapeFailure when the encoded stream was cut short
   */
  void end() throws ScrapeFailure;

  /** Frees what the decoder holds (an inflater's native memory); safe to call twice. */
  @Override
  void close();

  /**
   * The decoder for a {@code Content-Encoding} header (null or empty for none), whether or not it
   * was asked for: an unasked gzip body is bounded like any other.
   *
   * @throws ScrapeFailure for an encoding the agent cannot decode, naming it
   */
  static ContentDecoder forEncoding(String contentEncoding, String url) throws ScrapeFailure {
    String encoding =
        contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> new IdentityDecoder();
      case "gzip", "x-gzip" -> InflatingDecoder.gzip();
      case "deflate" -> InflatingDecoder.deflate();
      default ->
          throw new ScrapeFailure(
              ScrapeError.ENCODING,
              url
                  + ": unsupported Content-Encoding '"
                  + printable(encoding)
                  + "' (gzip, deflate or none)");
    };
  }

  /** At most 32 characters of a header value, non-printable ones as '?'. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(value.length(), 32); i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return value.length() > 32 ? out.append("...").toString() : out.toString();
  }
}
