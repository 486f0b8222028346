package io.tokenjoule.scrape;

/**
 * Bounds on what one page may cost to parse. A page over {@code maxSeries} or {@code
 * maxRetainedBytes} makes the parser throw {@link ExpositionLimitException}; a series over a label
 * limit, or a line over {@link #maxLineBytes()}, is dropped and counted by its {@link DropReason}.
 *
 * @param maxSeries the most sample lines a page may have, counting every line that is neither blank
 *     nor a comment, whether selected, well formed or not
 * @param maxLabelValueBytes the longest label value (UTF-8 bytes) a kept series may have
 * @param maxLabelsPerSeries the most labels a kept series may have
 * @param maxRetainedBytes the most heap the kept series of one page may take, as estimated by
 *     {@link #retainedBytes}
 */
public record ParserLimits(
    int maxSeries, int maxLabelValueBytes, int maxLabelsPerSeries, long maxRetainedBytes) {

  /** Longer values are refused: a model name or a path is a few dozen bytes. */
  public static final int DEFAULT_MAX_LABEL_VALUE_BYTES = 512;

  /** More labels are refused: an engine's series carry a handful. */
  public static final int DEFAULT_MAX_LABELS_PER_SERIES = 32;

  /** Plenty for the engine series of a page (a vLLM page keeps a few hundred), yet bounded. */
  public static final long DEFAULT_MAX_RETAINED_BYTES = 8L << 20;

  /** 100,000 sample lines: a vLLM page has one to a few thousand. */
  public static final ParserLimits DEFAULT = new ParserLimits(100_000);

  /** Room on a line for a label's name, quotes, escapes and separators besides its value. */
  private static final int LABEL_OVERHEAD_BYTES = 256;

  /** Room on a line for the metric name, value, timestamp and an exemplar. */
  private static final int LINE_OVERHEAD_BYTES = 2048;

  public ParserLimits {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be >= 1, got " + maxSeries);
    }
    if (maxLabelValueBytes < 1 || maxLabelsPerSeries < 1 || maxRetainedBytes < 1) {
      throw new IllegalArgumentException("parser limits must be positive");
    }
  }

  /** {@code maxSeries} with the default label and memory limits. */
  public ParserLimits(int maxSeries) {
    this(
        maxSeries,
        DEFAULT_MAX_LABEL_VALUE_BYTES,
        DEFAULT_MAX_LABELS_PER_SERIES,
        DEFAULT_MAX_RETAINED_BYTES);
  }

  /**
   * The longest line the parser holds: one that a series within the label limits can need. A longer
   * line is skipped as it streams past, never buffered.
   */
  public int maxLineBytes() {
    return (int)
        Math.min(
            Integer.MAX_VALUE - 8,
            (long) maxLabelsPerSeries * (maxLabelValueBytes + LABEL_OVERHEAD_BYTES)
                + LINE_OVERHEAD_BYTES);
  }

  /**
   * A conservative estimate of the heap one kept sample takes: the sample and its label arrays,
   * plus each label string not shared with another sample.
   *
   * @param labelBytes the UTF-8 bytes of the sample's name and its label names and values
   * @param labelCount how many labels the sample has
   */
  public static long retainedBytes(long labelBytes, int labelCount) {
    return 128 + 16L * labelCount + 2 * (labelBytes + 48L * (2L * labelCount + 1));
  }
}
