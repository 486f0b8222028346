package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * <p>Stateless and thread-safe.
 */
public final class TrtllmServeProfile implements EngineProfile {

  private static final List<Rule> RULES =
      List.of(
          Rule.of(Role.PROMPT, "trtllm_prompt_tokens_total"),
          Rule.of(Role.GENERATED, "trtllm_generation_tokens_total"),
          Rule.of(Role.REQUESTS, "trtllm_request_success_total"),
          Rule.of(Role.RUNNING, "trtllm_num_requests_running"));

  private static final CounterReader READER =
      new CounterReader(
          "model_name",
          RULES,
          "no trtllm-serve token counters on the page: trtllm_prompt_tokens_total and"
              + " trtllm_generation_tokens_total are missing (TensorRT-LLM releases before"
              + " them export requests and latencies only)");

  @Override
  public String engine() {
    return "trtllm";
  }

  @Override
  public List<String> metricsPaths() {
    return List.of("/prometheus/metrics");
  }

  @Override
  public Set<String> sampleNames() {
    return READER.sampleNames();
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code tokenResolution} is the running requests over all models, at least 1.
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    return READER.read(samples);
  }

  /** Recognises trtllm-serve by its token or request counters, or by any trtllm_ metric. */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return READER.recognise(sampleNames, "trtllm_");
  }
}
