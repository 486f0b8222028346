package io.tokenjoule.account;

/**
 * A counter read from elsewhere (a firmware energy counter, an inference server's token counter),
 * corrected for restarts the way Prometheus's {@code rate()} treats counters: a raw value lower
 * than the previous one means the counter restarted from zero, so the new raw value itself is the
 * increase. The corrected total therefore never decreases and never jumps by more than the raw
 * counter moved.
 *
 * <p>The total is the first raw value seen plus every increase since; it is NaN until a raw value
 * was seen. NaN raw values (a counter the source did not report this time) change nothing. A
 * restart followed by growth past the previous raw value between two observations cannot be
 * detected; it reads as a smaller increase, as in Prometheus.
 *
 * <p>Not thread-safe: one owner updates it.
 */
public final class ResetAwareCounter {

  private double lastRaw = Double.NaN;
  private double total = Double.NaN;
  private long resets;

  /**
   * Takes the next raw value.
   *
   * @param raw the raw counter value, finite and {@code >= 0}, or NaN for "not reported"
   * @return the increase this value adds to the total: 0 for the first value and for NaN
   * @throws IllegalArgumentException when {@code raw} is negative or infinite
   */
  public double observe(double raw) {
    if (Double.isNaN(raw)) {
      return 0;
    }
    if (raw < 0 || Double.isInfinite(raw)) {
      throw new IllegalArgumentException("a counter must be finite and >= 0, got " + raw);
    }
    if (Double.isNaN(lastRaw)) {
      lastRaw = raw;
      total = raw;
      return 0;
    }
    double increase;
    if (raw < lastRaw) {
      resets++;
      increase = raw;
    } else {
      increase = raw - lastRaw;
    }
    lastRaw = raw;
    total += increase;
    return increase;
  }

  /** The corrected total, in the counter's unit; NaN until a raw value was seen. */
  public double total() {
    return total;
  }

  /** Whether a raw value was seen. */
  public boolean hasValue() {
    return !Double.isNaN(total);
  }

  /** How many times the raw value went backwards. */
  public long resets() {
    return resets;
  }
}
