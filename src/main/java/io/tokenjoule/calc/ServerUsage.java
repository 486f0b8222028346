package io.tokenjoule.calc;

import io.tokenjoule.Seconds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much energy one server used and how many tokens it served over a range, as Prometheus's
 * {@code increase()} of the agent's counters reports them.
 *
 * @param server the {@code server} label
 * @param end the end of the range
 * @param range the length of the range, positive
 * @param kind which tokens are counted
 * @param energyJoules increase of {@code tokenjoule_server_energy_joules_total}, {@code > 0}
 * @param tokens increase of {@code tokenjoule_server_tokens_total} of that kind, {@code > 0}
 * @param requests increase of {@code tokenjoule_server_requests_total}, or NaN when the server has
 *     no such series
 */
public record ServerUsage(
    String server,
    Instant end,
    Duration range,
    TokenKind kind,
    double energyJoules,
    double tokens,
    double requests) {

  public ServerUsage {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(kind, "kind");
    if (range.isNegative() || range.isZero()) {
      throw new IllegalArgumentException("range must be positive, got " + range);
    }
  }

  public double rangeSeconds() {
    return Seconds.of(range);
  }

  /** Mean power over the range, W. */
  public double powerWatts() {
    return energyJoules / rangeSeconds();
  }

  public double tokensPerSecond() {
    return tokens / rangeSeconds();
  }

  /**
   * Whether requests finished in the range, so that {@link #tokensPerRequest()} means something.
   */
  public boolean requestsMoved() {
    return requests > 0;
  }

  /** Tokens of this kind per finished request; NaN when no request finished. */
  public double tokensPerRequest() {
    return requestsMoved() ? tokens / requests : Double.NaN;
  }
}
