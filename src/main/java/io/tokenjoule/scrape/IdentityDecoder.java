package io.tokenjoule.scrape;

/** A body sent as it is. */
final class IdentityDecoder implements ContentDecoder {

  @Override
  public boolean decode(byte[] bytes, int offset, int length, Output out) throws ScrapeFailure {
    return length == 0 || out.accept(bytes, offset, length);
  }

  @Override
  public void end() {}

  @Override
  public void close() {}
}
