package io.tokenjoule;

import java.time.Duration;

/**
 * Durations as the agent computes with them: seconds in a {@code double}. The one place durations
 * and seconds are converted, so every conversion rounds the same way. Stateless.
 */
public final class Seconds {

  private Seconds() {}

  /** {@code duration} in seconds, to the nanosecond. */
  public static double of(Duration duration) {
    return duration.getSeconds() + duration.getNano() / 1e9;
  }

  /** {@code seconds} as a duration, rounded to the nanosecond. */
  public static Duration toDuration(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** {@code seconds} in whole milliseconds, at least 1: a timer's period or a timeout. */
  public static long toMillisAtLeastOne(double seconds) {
    return Math.max(1, Math.round(seconds * 1000));
  }
}
