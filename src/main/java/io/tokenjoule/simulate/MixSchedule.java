package io.tokenjoule.simulate;

import java.util.List;

/**
 * How many prompt tokens a simulated server processes per generated token, over time: its request
 * mix, from short prompts with long answers to long prompts with short ones. Time is seconds since
 * the simulation started.
 */
@FunctionalInterface
public interface MixSchedule {

  /** Prompt tokens per generated token at {@code secondsSinceStart}; must be {@code >= 0}. */
  double promptTokensPerGeneratedTokenAt(double secondsSinceStart);

  /** The same mix forever. */
  static MixSchedule constant(double promptTokensPerGeneratedToken) {
    requireRatio(promptTokensPerGeneratedToken);
    return t -> promptTokensPerGeneratedToken;
  }

  /**
   * Each ratio in turn for {@code secondsEach}, then again from the first, forever. Pick a period
   * that does not divide the load cycle's, so that every mix meets every load.
   */
  static MixSchedule cycle(double secondsEach, List<Double> promptTokensPerGeneratedToken) {
    List<Double> ratios = List.copyOf(promptTokensPerGeneratedToken);
    if (!(secondsEach > 0) || ratios.isEmpty()) {
      throw new IllegalArgumentException("a mix cycle needs ratios that each last > 0 s");
    }
    ratios.forEach(MixSchedule::requireRatio);
    return t -> ratios.get((int) (Math.floor(t / secondsEach) % ratios.size()));
  }

  private static void requireRatio(double ratio) {
    if (!(ratio >= 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException(
          "prompt tokens per generated token must be finite and >= 0, got " + ratio);
    }
  }
}
