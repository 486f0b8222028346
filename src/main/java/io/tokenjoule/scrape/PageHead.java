package io.tokenjoule.scrape;

import java.net.URI;

/**
 * A response's head as the page client saw it, stamped on the agent's monotonic clock.
 *
 * @param url the page asked for
 * @param contentType the response's Content-Type, or null
 * @param sentSeconds when the request went out
 * @param headSeconds when the response head came back: the server read its counters in between
 */
public record PageHead(URI url, String contentType, double sentSeconds, double headSeconds) {

  /** The best estimate of when the server read its counters. */
  public double counterTimestampSeconds() {
    return (sentSeconds + headSeconds) / 2;
  }

  /** The spread around {@link #counterTimestampSeconds()}. */
  public double counterTimeUncertaintySeconds() {
    return (headSeconds - sentSeconds) / 2;
  }
}
