package io.tokenjoule.scrape;

/**
 * A page over one of the {@link ParserLimits} that refuse a whole page: nothing from it is used,
 * and the parser reads no further.
 */
public final class ExpositionLimitException extends Exception {

  private final DropReason reason;
  private final long limit;

  /**
   * @param reason {@link DropReason#SERIES} or {@link DropReason#PAGE_MEMORY}
   * @param limitName the name of the limit, for example {@code maxSeries}
   * @param limit the limit's value
   * @param what what went over it, for example {@code more than 3 sample lines}
   */
  public ExpositionLimitException(DropReason reason, String limitName, long limit, String what) {
    super("page has " + what + ", over the limit of " + limit + " (" + limitName + ")");
    this.reason = reason;
    this.limit = limit;
  }

  public DropReason reason() {
    return reason;
  }

  public long limit() {
    return limit;
  }
}
