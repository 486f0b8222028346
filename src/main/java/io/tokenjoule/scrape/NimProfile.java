package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * NVIDIA NIM for LLMs, which serves its metrics at {@code /v1/metrics} (releases before 1.0 served
 * them at {@code /metrics}). Metric names as NIM's observability documentation lists them: vLLM's
 * names without the {@code vllm:} prefix, counters {@code prompt_tokens_total}, {@code
 * generation_tokens_total} and {@code request_success_total}, gauges {@code num_requests_running}
 * and {@code num_request_max}; label {@code model_name}. Sums over every label but {@code
 * model_name}.
 *
 * <p>A NIM whose page carries vLLM's own {@code vllm:} names is read by the vLLM profile instead:
 * the page cannot tell the two apart, and the counters mean the same.
 *
 * <p>{@code tokenResolution} is the running requests over all models, at least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class NimProfile extends TableProfile {

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model_name",
          List.of(
              Rule.of(Role.PROMPT, "prompt_tokens_total"),
              Rule.of(Role.GENERATED, "generation_tokens_total"),
              Rule.of(Role.REQUESTS, "request_success_total"),
              Rule.of(Role.RUNNING, "num_requests_running")),
          "no NIM token counters on the page: prompt_tokens_total and generation_tokens_total"
              + " are missing");

  private static final String REQUEST_MAX = "num_request_max";

  /**
   * Recognises NIM by an unprefixed token counter next to one of the gauges NIM writes with it
   * ({@code num_request_max}, {@code num_requests_running}, {@code gpu_cache_usage_perc}), or by
   * {@code num_request_max} alone, a gauge vLLM does not have. A bare {@code prompt_tokens_total}
   * is too common a name to tell an engine by.
   */
  public NimProfile() {
    super(
        "nim",
        List.of("/v1/metrics", "/metrics"),
        COUNTERS,
        Recognition.firstOf(List.of("generation_tokens_total", "prompt_tokens_total"))
            .and(
                Recognition.firstOf(
                    List.of(REQUEST_MAX, "num_requests_running", "gpu_cache_usage_perc")))
            .or(Recognition.firstOf(List.of(REQUEST_MAX))));
  }
}
