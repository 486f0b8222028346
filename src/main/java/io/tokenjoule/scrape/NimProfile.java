package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * <p>Stateless and thread-safe.
 */
public final class NimProfile implements EngineProfile {

  private static final List<Rule> RULES =
      List.of(
          Rule.of(Role.PROMPT, "prompt_tokens_total"),
          Rule.of(Role.GENERATED, "generation_tokens_total"),
          Rule.of(Role.REQUESTS, "request_success_total"),
          Rule.of(Role.RUNNING, "num_requests_running"));

  private static final CounterReader READER =
      new CounterReader(
          "model_name",
          RULES,
          "no NIM token counters on the page: prompt_tokens_total and generation_tokens_total"
              + " are missing");

  private static final String REQUEST_MAX = "num_request_max";
  private static final List<String> TOKEN_COUNTERS =
      List.of("generation_tokens_total", "prompt_tokens_total");
  private static final List<String> GAUGES =
      List.of(REQUEST_MAX, "num_requests_running", "gpu_cache_usage_perc");

  @Override
  public String engine() {
    return "nim";
  }

  @Override
  public List<String> metricsPaths() {
    return List.of("/v1/metrics", "/metrics");
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

  /**
   * Recognises NIM by an unprefixed token counter next to one of the gauges NIM writes with it
   * ({@code num_request_max}, {@code num_requests_running}, {@code gpu_cache_usage_perc}), or by
   * {@code num_request_max} alone, a gauge vLLM does not have. A bare {@code prompt_tokens_total}
   * is too common a name to tell an engine by.
   */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    Optional<String> token = firstOf(sampleNames, TOKEN_COUNTERS);
    Optional<String> gauge = firstOf(sampleNames, GAUGES);
    if (token.isPresent() && gauge.isPresent()) {
      return Optional.of("found " + token.get() + " and " + gauge.get());
    }
    if (sampleNames.contains(REQUEST_MAX)) {
      return Optional.of("found " + REQUEST_MAX);
    }
    return Optional.empty();
  }

  private static Optional<String> firstOf(Set<String> sampleNames, List<String> names) {
    return names.stream().filter(sampleNames::contains).findFirst();
  }
}
