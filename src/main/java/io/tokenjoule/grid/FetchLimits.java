package io.tokenjoule.grid;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one request to a live provider.
 *
 * @param timeout the whole exchange (connect, answer and body), at least 1 ms
 * @param maxBodyBytes the largest answer read, at least 1 byte; the providers' answers are well
 *     under 4 KiB
 */
public record FetchLimits(Duration timeout, int maxBodyBytes) {

  /** 10 s and 64 KiB. */
  public static final FetchLimits DEFAULTS = new FetchLimits(Duration.ofSeconds(10), 64 * 1024);

  public FetchLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1ms, got " + timeout);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
    }
  }
}
