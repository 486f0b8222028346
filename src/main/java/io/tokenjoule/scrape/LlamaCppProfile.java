package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * llama.cpp's {@code llama-server} ({@code --metrics}). Metric names as its metrics handler writes
 * them ({@code tools/server/server-context.cpp}, formerly {@code examples/server/server.cpp}):
 * counters {@code llamacpp:prompt_tokens_total} (added when a slot's prompt has been processed) and
 * {@code llamacpp:tokens_predicted_total} (added when a slot's request finishes), gauge {@code
 * llamacpp:requests_processing}, and {@code llamacpp:n_tokens_max}, the most tokens a slot has
 * held. No labels and no finished-requests counter; the model is {@value VllmProfile#UNKNOWN_MODEL}
 * (a server entry's {@code model} names it).
 *
 * <p>The handler writes each value as a C++ {@code double} through a default-formatted stream: six
 * significant digits, so {@code 1234567} reads {@code 1.23457e+06}. Counters below 10<sup>6</sup>
 * come exact; above, a counter moves on the page only in steps of a unit in its sixth digit.
 *
 * <p>Router mode ({@code llama-server} started without a model) serves one page per model at {@code
 * /metrics?model=ID}: configure one server per model, each URL carrying its {@code ?model=}.
 *
 * <p>Stateless and thread-safe.
 */
public final class LlamaCppProfile implements EngineProfile {

  static final String PROMPT_TOKENS = "llamacpp:prompt_tokens_total";
  static final String PREDICTED_TOKENS = "llamacpp:tokens_predicted_total";
  static final String REQUESTS_PROCESSING = "llamacpp:requests_processing";
  static final String TOKENS_MAX = "llamacpp:n_tokens_max";

  /** Significant digits llama.cpp prints. */
  static final int PRINTED_DIGITS = 6;

  private static final Set<String> SAMPLE_NAMES =
      Set.of(PROMPT_TOKENS, PREDICTED_TOKENS, REQUESTS_PROCESSING, TOKENS_MAX);

  private static final List<String> RECOGNISED_IN_ORDER =
      List.of(PREDICTED_TOKENS, PROMPT_TOKENS, REQUESTS_PROCESSING);

  @Override
  public String engine() {
    return "llamacpp";
  }

  @Override
  public Set<String> sampleNames() {
    return SAMPLE_NAMES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code tokenResolution} is what a counter may lag plus what printing loses: the running
   * requests times {@code llamacpp:n_tokens_max} (each may add up to a slot's context when it
   * finishes; the running requests alone when the page lacks that counter), plus {@link
   * #printQuantum} of the larger token counter; at least 1.
   *
   * @throws MissingMetricsException when either token counter is absent or holds a value that is
   *     not a counter value
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    double prompt = Double.NaN;
    double predicted = Double.NaN;
    double running = Double.NaN;
    double tokensMax = Double.NaN;
    for (Sample sample : samples) {
      double value = sample.value();
      boolean valid = Double.isFinite(value) && value >= 0;
      switch (sample.name()) {
        case PROMPT_TOKENS -> prompt = counterValue(sample);
        case PREDICTED_TOKENS -> predicted = counterValue(sample);
        case REQUESTS_PROCESSING -> running = valid ? value : Double.NaN;
        case TOKENS_MAX -> tokensMax = valid ? value : Double.NaN;
        default -> {}
      }
    }
    if (Double.isNaN(prompt) || Double.isNaN(predicted)) {
      throw new MissingMetricsException(
          (Double.isNaN(prompt) ? PROMPT_TOKENS : PREDICTED_TOKENS)
              + " is missing; is llama-server started with --metrics?");
    }
    double runningOrOne = Double.isNaN(running) ? 1 : Math.max(1, running);
    double inFlight =
        Double.isNaN(tokensMax) ? runningOrOne : runningOrOne * Math.max(1, tokensMax);
    double resolution = inFlight + printQuantum(Math.max(prompt, predicted));
    return new EngineCounters(
        List.of(
            new ModelCounters(VllmProfile.UNKNOWN_MODEL, prompt, predicted, Double.NaN, running)),
        Math.max(1.0, resolution),
        false);
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

  private static double counterValue(Sample sample) throws MissingMetricsException {
    double value = sample.value();
    if (!Double.isFinite(value) || value < 0) {
      throw new MissingMetricsException(
          sample.name() + " has the value " + value + ", not a counter value");
    }
    return value;
  }

  /** Recognises llama.cpp by its token counters or its processing gauge. */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return Recognition.firstOf(sampleNames, RECOGNISED_IN_ORDER);
  }
}
