package io.tokenjoule.scrape;

/**
 * A metrics page as received, stamped on the agent's monotonic clock.
 *
 * @param body the page bytes after decompression; only the first {@code length} count
 * @param contentType the response's Content-Type, or null
 * @param sentSeconds when the request went out
 * @param headSeconds when the response head came back: the server read its counters in between
 * @param doneSeconds when the last byte came in
 */
public record FetchedPage(
    byte[] body,
    int length,
    String contentType,
    double sentSeconds,
    double headSeconds,
    double doneSeconds) {

  /** The best estimate of when the server read its counters. */
  public double counterTimestampSeconds() {
    return (sentSeconds + headSeconds) / 2;
  }

  /** The spread around {@link #counterTimestampSeconds()}. */
  public double counterTimeUncertaintySeconds() {
    return (headSeconds - sentSeconds) / 2;
  }
}
