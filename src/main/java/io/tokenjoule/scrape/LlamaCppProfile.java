package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Absent;
import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * llama.cpp's {@code llama-server} ({@code --metrics}). Metric names as its metrics handler writes
 * them ({@code tools/server/server-context.cpp}, formerly {@code examples/server/server.cpp}):
 * counters {@code llamacpp:prompt_tokens_total} (added when a slot's prompt has been processed) and
 * {@code llamacpp:tokens_predicted_total} (added when a slot's request finishes), gauge {@code
 * llamacpp:requests_processing}, and {@code llamacpp:n_tokens_max}, the most tokens a slot has
 * held. Newer builds add {@code llamacpp:prompt_tokens_cached_total}, the prompt tokens reused from
 * the prompt cache, which {@code llamacpp:prompt_tokens_total} leaves out ("processed, excluding
 * cached tokens"): where the page has it, the prompt tokens read are the served ones, processed
 * plus cached, and the cached ones are told apart; where it lacks it, the prompt tokens read are
 * the processed ones only, and cache hits are not seen. No labels and no finished-requests counter;
 * the model is {@value ModelCounters#UNKNOWN_MODEL} (a server entry's {@code model} names it).
 *
 * <p>The handler writes each value as a C++ {@code double} through a default-formatted stream: six
 * significant digits, so {@code 1234567} reads {@code 1.23457e+06}. Counters below 10<sup>6</sup>
 * come exact; above, a counter moves on the page only in steps of a unit in its sixth digit.
 *
 * <p>Router mode ({@code llama-server} started without a model) serves one page per model at {@code
 * /metrics?model=ID}: configure one server per model, each URL carrying its {@code ?model=}.
 *
 * <p>{@code tokenResolution} is what a counter may lag plus what printing loses: the running
 * requests times {@code llamacpp:n_tokens_max} (each may add up to a slot's context when it
 * finishes; the running requests alone when the page lacks that counter), plus {@link
 * #printQuantum} of the larger token count (the served prompt is two printed counters, so both
 * their quanta); at least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class LlamaCppProfile extends TableProfile {

  static final String PROMPT_TOKENS = "llamacpp:prompt_tokens_total";
  static final String PROMPT_TOKENS_CACHED = "llamacpp:prompt_tokens_cached_total";
  static final String PREDICTED_TOKENS = "llamacpp:tokens_predicted_total";
  static final String REQUESTS_PROCESSING = "llamacpp:requests_processing";

  /** Significant digits llama.cpp prints. */
  static final int PRINTED_DIGITS = 6;

  private static final CounterReader COUNTERS =
      new CounterReader(
          null,
          List.of(
              Rule.of(Role.GENERATED, PREDICTED_TOKENS),
              Rule.of(Role.PROMPT, PROMPT_TOKENS),
              Rule.of(Role.PROMPT_CACHED_APART, PROMPT_TOKENS_CACHED),
              Rule.of(Role.RUNNING, REQUESTS_PROCESSING),
              Rule.of(Role.REQUEST_TOKENS_MAX, "llamacpp:n_tokens_max")),
          Absent.MISSING,
          LlamaCppProfile::lag,
          PROMPT_TOKENS
              + " and "
              + PREDICTED_TOKENS
              + " are missing; is llama-server started with --metrics?");

  /** Recognises llama.cpp by its token counters or its processing gauge. */
  public LlamaCppProfile() {
    super(
        "llamacpp",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(List.of(PREDICTED_TOKENS, PROMPT_TOKENS, REQUESTS_PROCESSING)));
  }

  private static double lag(CounterReader.Sums model) {
    double running = model.value(Role.RUNNING);
    double runningOrOne = Double.isNaN(running) ? 1 : Math.max(1, running);
    double slot = model.value(Role.REQUEST_TOKENS_MAX);
    double inFlight = Double.isNaN(slot) ? runningOrOne : runningOrOne * Math.max(1, slot);
    double promptQuantum =
        printQuantum(model.value(Role.PROMPT))
            + printQuantum(model.value(Role.PROMPT_CACHED_APART));
    return inFlight + Math.max(promptQuantum, printQuantum(model.value(Role.GENERATED)));
  }

  /**
   * How far a counter of about {@code value} may be from its printed value: half a unit in its
   * {@value #PRINTED_DIGITS}th significant digit, or 0 below 10<sup>6</sup>, where the whole
   * counter fits in six digits.
   */
  static double printQuantum(double value) {
    if (!(value >= 1e6) || Double.isInfinite(value)) {
      return 0;
    }
    int exponent = (int) Math.floor(Math.log10(value));
    return 0.5 * Math.pow(10, exponent - (PRINTED_DIGITS - 1));
  }
}
