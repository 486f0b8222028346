package io.tokenjoule.scrape;

import java.util.Map;

/**
 * Parses a page as its decoded bytes arrive: the {@link BodySink} of a scrape. A page over a limit
 * that refuses it whole fails with {@link ScrapeError#TOO_MANY_SERIES}, and {@link #pageDrops()}
 * then says which limit.
 */
final class ParsingBody implements BodySink<StreamedPage> {

  private final PageHead head;
  private final ExpositionStream stream;
  private long bodyBytes;
  private volatile DropReason refusedBy;

  ParsingBody(PageHead head, SampleSelector selector, ParserLimits limits) {
    this.head = head;
    this.stream =
        new ExpositionStream(
            ExpositionFormat.fromContentType(head.contentType()), selector, limits);
  }

  @Override
  public void accept(byte[] bytes, int offset, int length) throws ScrapeFailure {
    bodyBytes += length;
    try {
      stream.feed(bytes, offset, length);
    } catch (ExpositionLimitException e) {
      throw refused(e);
    }
  }

  @Override
  public StreamedPage end() throws ScrapeFailure {
    try {
      return new StreamedPage(head, stream.finish(), bodyBytes);
    } catch (ExpositionLimitException e) {
      throw refused(e);
    }
  }

  private ScrapeFailure refused(ExpositionLimitException e) {
    refusedBy = e.reason();
    return new ScrapeFailure(ScrapeError.TOO_MANY_SERIES, e.getMessage());
  }

  /** What the page refused by then: the page itself, when a limit refused it whole. */
  Map<DropReason, Long> pageDrops() {
    DropReason reason = refusedBy;
    return reason == null ? Map.of() : Map.of(reason, 1L);
  }
}
