package io.tokenjoule.scrape;

/**
 * The heap the scrapes may use, worked out at start-up from the JVM's maximum heap and the number
 * of targets, all of which may be read at once. Half the heap is for scrapes (the other half for
 * the agent's own state, its meters and its {@code /metrics} page), shared evenly between targets
 * so that one target's page can never take another's share. Each scrape holds its transport
 * buffers, one decoded block, one line and the series it keeps; the page itself is never held
 * whole, so {@code max_body_bytes} costs time, not heap. What is left of a target's share after its
 * buffers bounds the series it keeps ({@link ScrapeLimits#maxRetainedBytes()}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ScrapeMemoryBudget {

  /** The share of the maximum heap the scrapes may use, all targets together. */
  static final double SCRAPE_SHARE = 0.5;

  /**
   * What a scrape holds besides its line and its series: the bytes queued between the event loop
   * and the worker (with what Vert.x buffers while the response is paused), one decoded block and
   * the parser's string cache.
   */
  static final long BUFFER_BYTES =
      BodyPipe.HIGH_WATER_BYTES + 128 * 1024 + InflatingDecoder.BLOCK_BYTES + 64 * 1024;

  /**
   * The least a target's kept series may be allowed: the engine series of a busy vLLM page, as
   * {@link ParserLimits#retainedBytes} estimates them, with room to spare.
   */
  public static final long MIN_RETAINED_BYTES = 1L << 20;

  private ScrapeMemoryBudget() {}

  /**
   * {@code limits} with the kept series of each page bounded to what {@code targets} scrapes at
   * once can have within {@code maxHeapBytes}, and never more than {@code limits} already allows.
   *
   * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
   * @param targets how many servers are scraped each tick; 0 leaves the limits as they are
   * @throws IllegalArgumentException when the heap cannot hold that many scrapes within the limits;
   *     the message names the configuration keys and the heap
   */
  public static ScrapeLimits fit(ScrapeLimits limits, long maxHeapBytes, int targets) {
    if (targets == 0) {
      return limits;
    }
    long share = (long) (maxHeapBytes * SCRAPE_SHARE) / targets;
    long perScrape = BUFFER_BYTES + limits.parserLimits().maxLineBytes();
    long retained = share - perScrape;
    if (retained < MIN_RETAINED_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              "%d servers cannot be scraped at once in a heap of %d MiB: each scrape needs %d KiB"
                  + " of buffers and one line (scrape.max_labels_per_series %d ×"
                  + " scrape.max_label_value_length %d) plus at least %d KiB for the series it"
                  + " keeps, and the scrapes may use half the heap (-Xmx); raise -Xmx, lower those"
                  + " keys, or scrape fewer servers",
              targets,
              maxHeapBytes >> 20,
              perScrape >> 10,
              limits.maxLabelsPerSeries(),
              limits.maxLabelValueBytes(),
              MIN_RETAINED_BYTES >> 10));
    }
    return limits.withMaxRetainedBytes(Math.min(retained, limits.maxRetainedBytes()));
  }
}
