package io.tokenjoule.scrape;

/**
 * Bounds on what one page may cost to parse.
 *
 * @param maxSeries the most sample lines a page may have, counting every line that is neither blank
 *     nor a comment, whether selected, well formed or not; more makes the parser throw {@link
 *     ExpositionLimitException}
 */
public record ParserLimits(int maxSeries) {

  /** 100,000 sample lines: a vLLM page has one to a few thousand. */
  public static final ParserLimits DEFAULT = new ParserLimits(100_000);

  public ParserLimits {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be >= 1, got " + maxSeries);
    }
  }
}
