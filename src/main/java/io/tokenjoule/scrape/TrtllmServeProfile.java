package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * TensorRT-LLM's own OpenAI server, {@code trtllm-serve}, which serves its metrics at {@code
 * /prometheus/metrics} ({@code tensorrt_llm/serve/openai_server.py}). Metric names as {@code
 * tensorrt_llm/metrics/collector.py} ({@code MetricsCollector}) defines them: counters {@code
 * trtllm_prompt_tokens_total} and {@code trtllm_generation_tokens_total}, {@code
 * trtllm_request_success_total} with {@code finished_reason}, gauge {@code
 * trtllm_num_requests_running}; labels {@code model_name} and {@code engine_type}. Sums over every
 * label but {@code model_name}.
 *
 * <p>Older releases export only request and latency metrics, no token counters; their pages are
 * recognised, and reading them fails with a {@link MissingMetricsException} that says so.
 *
 * <p>{@code tokenResolution} is the running requests over all models, at least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrtllmServeProfile extends TableProfile {

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model_name",
          List.of(
              Rule.of(Role.PROMPT, "trtllm_prompt_tokens_total"),
              Rule.of(Role.GENERATED, "trtllm_generation_tokens_total"),
              Rule.of(Role.REQUESTS, "trtllm_request_success_total"),
              Rule.of(Role.RUNNING, "trtllm_num_requests_running")),
          "no trtllm-serve token counters on the page: trtllm_prompt_tokens_total and"
              + " trtllm_generation_tokens_total are missing (TensorRT-LLM releases before"
              + " them export requests and latencies only)");

  /** Recognises trtllm-serve by its token or request counters, or by any trtllm_ metric. */
  public TrtllmServeProfile() {
    super(
        "trtllm",
        List.of("/prometheus/metrics"),
        COUNTERS,
        Recognition.firstOf(COUNTERS.metricsInRuleOrder()).orPrefixed("trtllm_"));
  }
}
