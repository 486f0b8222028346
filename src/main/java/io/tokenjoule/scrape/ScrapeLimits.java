package io.tokenjoule.scrape;

/**
 * Bounds on one scrape, so that no target can stall or swamp the agent.
 *
 * @param timeoutSeconds the whole request, connect to last byte
 * @param maxBodyBytes the page after decompression; the read stops there
 * @param maxSeries sample lines on the page
 * @param maxLabelValueBytes the longest label value a kept series may have
 * @param maxLabelsPerSeries the most labels a kept series may have
 * @param maxModels the most models one server may report; the rest are dropped
 * @param maxNewModelsPerScrape the most models one scrape may add to those already seen
 * @param maxRetainedBytes the heap the kept series of one page may take (see {@link
 *     ParserLimits#retainedBytes})
 * @param maxTokensPerSecond the most one token or request counter may rise per second; a reading
 *     past it is refused (see {@link CounterSanity})
 */
public record ScrapeLimits(
    double timeoutSeconds,
    long maxBodyBytes,
    int maxSeries,
    int maxLabelValueBytes,
    int maxLabelsPerSeries,
    int maxModels,
    int maxNewModelsPerScrape,
    long maxRetainedBytes,
    double maxTokensPerSecond) {

  /** Models per server: far more than a server serves at once, few enough to export. */
  public static final int DEFAULT_MAX_MODELS = 64;

  /** New models in one scrape after the first: a server rarely adds more at once. */
  public static final int DEFAULT_MAX_NEW_MODELS_PER_SCRAPE = 8;

  /**
   * Tokens per second one counter may rise by: far above what any server produces (a node of eight
   * H200s prefilling a small model makes a few million), far below a glitch's 10^12.
   */
  public static final long DEFAULT_MAX_TOKENS_PER_SECOND = 100_000_000L;

  public ScrapeLimits {
    if (!(timeoutSeconds > 0)
        || maxBodyBytes < 1
        || maxSeries < 1
        || maxModels < 1
        || maxNewModelsPerScrape < 1
        || !(maxTokensPerSecond > 0)) {
      throw new IllegalArgumentException("scrape limits must be positive");
    }
    if (maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must fit in one array");
    }
    parserLimits(maxSeries, maxLabelValueBytes, maxLabelsPerSeries, maxRetainedBytes);
  }

  /** The given bounds, with the default counter rate limit. */
  public ScrapeLimits(
      double timeoutSeconds,
      long maxBodyBytes,
      int maxSeries,
      int maxLabelValueBytes,
      int maxLabelsPerSeries,
      int maxModels,
      int maxNewModelsPerScrape,
      long maxRetainedBytes) {
    this(
        timeoutSeconds,
        maxBodyBytes,
        maxSeries,
        maxLabelValueBytes,
        maxLabelsPerSeries,
        maxModels,
        maxNewModelsPerScrape,
        maxRetainedBytes,
        DEFAULT_MAX_TOKENS_PER_SECOND);
  }

  /** The given bounds, with the default label, model, memory and counter rate limits. */
  public ScrapeLimits(double timeoutSeconds, long maxBodyBytes, int maxSeries) {
    this(
        timeoutSeconds,
        maxBodyBytes,
        maxSeries,
        ParserLimits.DEFAULT_MAX_LABEL_VALUE_BYTES,
        ParserLimits.DEFAULT_MAX_LABELS_PER_SERIES,
        DEFAULT_MAX_MODELS,
        DEFAULT_MAX_NEW_MODELS_PER_SCRAPE,
        ParserLimits.DEFAULT_MAX_RETAINED_BYTES);
  }

  /** What the parser of one page may spend. */
  public ParserLimits parserLimits() {
    return parserLimits(maxSeries, maxLabelValueBytes, maxLabelsPerSeries, maxRetainedBytes);
  }

  /** These limits with the kept series of a page bounded to {@code bytes}. */
  public ScrapeLimits withMaxRetainedBytes(long bytes) {
    return new ScrapeLimits(
        timeoutSeconds,
        maxBodyBytes,
        maxSeries,
        maxLabelValueBytes,
        maxLabelsPerSeries,
        maxModels,
        maxNewModelsPerScrape,
        bytes,
        maxTokensPerSecond);
  }

  private static ParserLimits parserLimits(
      int maxSeries, int maxLabelValueBytes, int maxLabelsPerSeries, long maxRetainedBytes) {
    return new ParserLimits(maxSeries, maxLabelValueBytes, maxLabelsPerSeries, maxRetainedBytes);
  }
}
