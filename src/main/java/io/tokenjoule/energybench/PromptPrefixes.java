package io.tokenjoule.energybench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes every request's prompt distinct, so a server's prefix cache cannot serve one request's
 * prefill from another's: a random tag from the run's seed, different for each phase, level and
 * request, goes in front of the prompt. The same seed gives the same tags, so a run can be repeated
 * exactly. Disabled, prompts go out as given (and a server may cache them).
 */
public final class PromptPrefixes {

  private final long seed;
  private final boolean enabled;

  /**
   * @param enabled false to send prompts unchanged ({@code --allow-prefix-cache})
   */
  public PromptPrefixes(long seed, boolean enabled) {
    this.seed = seed;
    this.enabled = enabled;
  }

  public long seed() {
    return seed;
  }

  public boolean enabled() {
    return enabled;
  }

  /** The prompt of request {@code index} of {@code phase} at {@code concurrency}, made distinct. */
  public BenchPrompt apply(BenchPrompt prompt, RequestPhase phase, int concurrency, int index) {
    if (!enabled) {
      return prompt;
    }
    long stream = ((long) phase.ordinal() << 56) ^ ((long) concurrency << 32) ^ index;
    long tag = new SplittableRandom(seed ^ new SplittableRandom(stream).nextLong()).nextLong();
    return prompt.withPrefix(String.format(Locale.ROOT, "%016x: ", tag));
  }
}
