package io.tokenjoule.scrape;

/** A page over one of the {@link ParserLimits}: nothing from it is used. */
public final class ExpositionLimitException extends Exception {

  private final int limit;
  private final int count;

  /**
   * @param limitName the name of the limit, for example {@code maxSeries}
   * @param limit the limit's value
   * @param count what the page has
   */
  public ExpositionLimitException(String limitName, int limit, int count) {
    super(
        "page has " + count + " sample lines, over the limit of " + limit + " (" + limitName + ")");
    this.limit = limit;
    this.count = count;
  }

  public int limit() {
    return limit;
  }

  public int count() {
    return count;
  }
}
