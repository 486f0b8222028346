package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Absent;
import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

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
 * <p>The page has no model label: the model is {@value ModelCounters#UNKNOWN_MODEL} (a server
 * entry's {@code model} names it). The exporter registers a metric only when it is first recorded,
 * so on a TGI page (one that has any of the series read here) an absent histogram or counter means
 * zero. Samples are summed over any labels. Family order on the page is not stable; nothing here
 * depends on it.
 *
 * <p>Both token counts move when a request is validated or finishes, not per step. {@code
 * tokenResolution} is therefore the token budget of the running batch ({@code
 * tgi_batch_current_max_tokens}: the most its requests can add to the counters when they finish),
 * or, when the page lacks that gauge, the running requests; at least 1. Prompts of queued requests
 * are already counted, before their prefill runs; that lead is not in the bound.
 *
 * <p>Stateless and thread-safe.
 */
public final class TgiProfile extends TableProfile {

  static final String INPUT_LENGTH_SUM = "tgi_request_input_length_sum";
  static final String GENERATED_TOKENS_SUM = "tgi_request_generated_tokens_sum";
  static final String REQUEST_SUCCESS = "tgi_request_success";
  static final String BATCH_CURRENT_SIZE = "tgi_batch_current_size";
  static final String QUEUE_SIZE = "tgi_queue_size";
  static final String REQUEST_COUNT = "tgi_request_count";

  private static final CounterReader COUNTERS =
      new CounterReader(
          null,
          List.of(
              Rule.of(Role.GENERATED, GENERATED_TOKENS_SUM),
              Rule.of(Role.PROMPT, INPUT_LENGTH_SUM),
              Rule.of(Role.REQUESTS, REQUEST_SUCCESS),
              Rule.of(Role.PRESENCE, REQUEST_COUNT),
              Rule.of(Role.RUNNING, BATCH_CURRENT_SIZE),
              Rule.of(Role.PRESENCE, QUEUE_SIZE),
              Rule.of(Role.IN_FLIGHT_TOKENS, "tgi_batch_current_max_tokens")),
          Absent.ZERO_ON_ENGINE_PAGE,
          CounterReader.PER_STEP_OR_REQUEST,
          "no TGI metrics on the page: "
              + INPUT_LENGTH_SUM
              + ", "
              + GENERATED_TOKENS_SUM
              + " and "
              + REQUEST_SUCCESS
              + " are missing");

  /**
   * Recognises TGI by its token histograms, request counters or batch and queue gauges; every TGI
   * metric starts {@code tgi_}, so no other engine's page matches.
   */
  public TgiProfile() {
    super(
        "tgi",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(
            List.of(
                GENERATED_TOKENS_SUM,
                INPUT_LENGTH_SUM,
                REQUEST_SUCCESS,
                REQUEST_COUNT,
                BATCH_CURRENT_SIZE,
                QUEUE_SIZE)));
  }
}
