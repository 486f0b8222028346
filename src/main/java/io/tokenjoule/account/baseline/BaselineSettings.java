package io.tokenjoule.account.baseline;

/**
 * How a {@link ServerBaseline} samples windows and keeps its history. Times are seconds of wall
 * clock (epoch seconds), so a persisted baseline survives a restart.
 *
 * @param slotSeconds the length of one slot; a slot's value is the ratio of sums of the samples
 *     that fell into it. Slots are aligned on multiples of this length since the epoch
 * @param horizonSeconds how far back slots count; older slots are dropped
 * @param minSlots the slots a bucket needs within the horizon before its baseline is trusted
 * @param maxUncertainty the largest relative error bound ({@link
 *     io.tokenjoule.account.WindowStats#measurementUncertaintyGenerated()}: the bound less what
 *     splitting a shared GPU adds, as a baseline compares a server with itself) a window may carry
 *     and still count
 * @param minGeneratedTokens the fewest generated tokens a window needs to count
 * @param samplePeriodSeconds the least time between two samples; set it to the accountant's window
 *     length so that samples do not overlap
 */
public record BaselineSettings(
    double slotSeconds,
    double horizonSeconds,
    int minSlots,
    double maxUncertainty,
    double minGeneratedTokens,
    double samplePeriodSeconds) {

  /**
   * The most slots one bucket may hold over the horizon ({@code horizon / slot}); it bounds memory
   * and the size of the state file.
   */
  public static final int MAX_SLOTS_PER_BUCKET = 10_000;

  /**
   * 1 h slots over 7 days, 3 slots to learn, windows within 5% with at least 1000 generated tokens,
   * one sample per 60 s (the agent's default window).
   */
  public static final BaselineSettings DEFAULTS =
      new BaselineSettings(3600, 7 * 86400, 3, 0.05, 1000, 60);

  /**
   * @throws IllegalArgumentException naming the first value that is out of range
   */
  public BaselineSettings {
    requirePositive("slot", slotSeconds);
    requirePositive("horizon", horizonSeconds);
    requirePositive("sample period", samplePeriodSeconds);
    if (minSlots < 1) {
      throw new IllegalArgumentException("min slots must be >= 1, got " + minSlots);
    }
    if (horizonSeconds < minSlots * slotSeconds) {
      throw new IllegalArgumentException(
          "the horizon ("
              + horizonSeconds
              + " s) must hold at least min slots ("
              + minSlots
              + ") slots of "
              + slotSeconds
              + " s");
    }
    if (horizonSeconds / slotSeconds > MAX_SLOTS_PER_BUCKET) {
      throw new IllegalArgumentException(
          "horizon / slot must be at most "
              + MAX_SLOTS_PER_BUCKET
              + " slots, got "
              + horizonSeconds
              + " s / "
              + slotSeconds
              + " s");
    }
    if (!(maxUncertainty > 0 && maxUncertainty <= 1)) {
      throw new IllegalArgumentException(
          "max uncertainty must lie in (0, 1], got " + maxUncertainty);
    }
    if (!(minGeneratedTokens >= 0) || Double.isInfinite(minGeneratedTokens)) {
      throw new IllegalArgumentException(
          "min generated tokens must be finite and >= 0, got " + minGeneratedTokens);
    }
  }

  /** These settings with another sample period, typically the accountant's window length. */
  public BaselineSettings withSamplePeriodSeconds(double seconds) {
    return new BaselineSettings(
        slotSeconds, horizonSeconds, minSlots, maxUncertainty, minGeneratedTokens, seconds);
  }

  private static void requirePositive(String name, double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          "the " + name + " must be finite and > 0 seconds, got " + seconds);
    }
  }
}
