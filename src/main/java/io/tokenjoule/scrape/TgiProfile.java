package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hugging Face Text Generation Inference. TGI has no token counters; metric names as its router
 * records them with the Rust {@code metrics} crate ({@code router/src/server.rs}, {@code
 * router/src/validation.rs}, {@code backends/v3/src/backend.rs}) and serves them with {@code
 * metrics-exporter-prometheus}:
 *
 * <ul>
 *   <li>prompt tokens: the {@code _sum} of histogram {@code tgi_request_input_length}, recorded
 *       when a request passes validation (before it is queued);
 *   <li>generated tokens: the {@code _sum} of histogram {@code tgi_request_generated_tokens},
 *       recorded when a request succeeds;
 *   <li>finished requests: counter {@code tgi_request_success}, written without {@code _total};
 *   <li>running requests: gauge {@code tgi_batch_current_size}; and gauge {@code
 *       tgi_batch_current_max_tokens}, the token budget (prompt plus max new tokens) of the running
 *       batch.
 * </ul>
 *
 * <p>The page has no model label: the model is {@value VllmProfile#UNKNOWN_MODEL} (a server entry's
 * {@code model} names it). The exporter registers a metric only when it is first recorded, so on a
 * TGI page (one that has any of the series read here) an absent histogram or counter means zero.
 * Samples are summed over any labels. Family order on the page is not stable; nothing here depends
 * on it.
 *
 * <p>Stateless and thread-safe.
 */
public final class TgiProfile implements EngineProfile {

  static final String INPUT_LENGTH_SUM = "tgi_request_input_length_sum";
  static final String GENERATED_TOKENS_SUM = "tgi_request_generated_tokens_sum";
  static final String REQUEST_SUCCESS = "tgi_request_success";
  static final String BATCH_CURRENT_SIZE = "tgi_batch_current_size";
  static final String BATCH_CURRENT_MAX_TOKENS = "tgi_batch_current_max_tokens";
  static final String QUEUE_SIZE = "tgi_queue_size";
  static final String REQUEST_COUNT = "tgi_request_count";

  private static final Set<String> SAMPLE_NAMES =
      Set.of(
          INPUT_LENGTH_SUM,
          GENERATED_TOKENS_SUM,
          REQUEST_SUCCESS,
          BATCH_CURRENT_SIZE,
          BATCH_CURRENT_MAX_TOKENS,
          QUEUE_SIZE,
          REQUEST_COUNT);

  private static final List<String> RECOGNISED_IN_ORDER =
      List.of(
          GENERATED_TOKENS_SUM,
          INPUT_LENGTH_SUM,
          REQUEST_SUCCESS,
          REQUEST_COUNT,
          BATCH_CURRENT_SIZE,
          QUEUE_SIZE);

  @Override
  public String engine() {
    return "tgi";
  }

  @Override
  public Set<String> sampleNames() {
    return SAMPLE_NAMES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Both token counts move when a request is validated or finishes, not per step. {@code
   * tokenResolution} is therefore the token budget of the running batch ({@code
   * tgi_batch_current_max_tokens}: the most its requests can add to the counters when they finish),
   * or, when the page lacks that gauge, the running requests; at least 1. Prompts of queued
   * requests are already counted, before their prefill runs; that lead is not in the bound.
   *
   * @throws MissingMetricsException when the page has none of the series read here, or a counter
   *     value is negative, NaN or infinite
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    double prompt = 0;
    double generated = 0;
    double requests = 0;
    double running = 0;
    boolean runningSeen = false;
    boolean runningInvalid = false;
    double maxTokens = 0;
    boolean maxTokensSeen = false;
    boolean anySeen = false;
    for (Sample sample : samples) {
      String name = sample.name();
      if (!SAMPLE_NAMES.contains(name)) {
        continue;
      }
      anySeen = true;
      double value = sample.value();
      boolean valid = Double.isFinite(value) && value >= 0;
      switch (name) {
        case INPUT_LENGTH_SUM -> prompt += counterValue(sample);
        case GENERATED_TOKENS_SUM -> generated += counterValue(sample);
        case REQUEST_SUCCESS -> requests += counterValue(sample);
        case BATCH_CURRENT_SIZE -> {
          runningSeen = true;
          runningInvalid |= !valid;
          running += valid ? value : 0;
        }
        case BATCH_CURRENT_MAX_TOKENS -> {
          if (valid) {
            maxTokensSeen = true;
            maxTokens += value;
          }
        }
        default -> {}
      }
    }
    if (!anySeen) {
      throw new MissingMetricsException(
          "no TGI metrics on the page: "
              + INPUT_LENGTH_SUM
              + ", "
              + GENERATED_TOKENS_SUM
              + " and "
              + REQUEST_SUCCESS
              + " are missing");
    }
    double runningOrNaN = runningSeen && !runningInvalid ? running : Double.NaN;
    double resolution = maxTokensSeen ? maxTokens : (Double.isNaN(runningOrNaN) ? 0 : running);
    return new EngineCounters(
        List.of(
            new ModelCounters(
                VllmProfile.UNKNOWN_MODEL, prompt, generated, requests, runningOrNaN)),
        Math.max(1.0, resolution),
        false);
  }

  private static double counterValue(Sample sample) throws MissingMetricsException {
    double value = sample.value();
    if (!Double.isFinite(value) || value < 0) {
      throw new MissingMetricsException(
          sample.name() + sample.labels() + " has the value " + value + ", not a counter value");
    }
    return value;
  }

  /**
   * Recognises TGI by its token histograms, request counters or batch and queue gauges; every TGI
   * metric starts {@code tgi_}, so no other engine's page matches.
   */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return Recognition.firstOf(sampleNames, RECOGNISED_IN_ORDER);
  }
}
