package io.tokenjoule.scrape;

import java.util.Objects;

/**
 * One successful scrape of an inference server, stamped on the agent's monotonic clock.
 *
 * @param timestampSeconds the midpoint between sending the request and receiving the response head:
 *     the best estimate of when the server read its counters
 * @param timeUncertaintySeconds half the request's round trip, the spread around the timestamp
 * @param counters what the engine profile extracted
 */
public record ServerReading(
    double timestampSeconds, double timeUncertaintySeconds, EngineCounters counters) {

  public ServerReading {
    Objects.requireNonNull(counters, "counters");
    if (!(timeUncertaintySeconds >= 0)) {
      throw new IllegalArgumentException("timeUncertaintySeconds must be >= 0");
    }
  }
}
