package io.tokenjoule.scrape;

/**
 * Where a page's decoded bytes go as they arrive. Called by one thread at a time, never on the
 * event loop.
 *
 * @param <T> what the whole page makes
 */
interface BodySink<T> {

  /**
   * Takes the next decoded bytes; the array is not kept past the call.
   *
   * @throws ScrapeFailure when the page must not be read further
   */
  void accept(byte[] bytes, int offset, int length) throws ScrapeFailure;

  /**
   * The page ended.
   *
   * @throws ScrapeFailure when what arrived does not make a page
   */
  T end() throws ScrapeFailure;
}
