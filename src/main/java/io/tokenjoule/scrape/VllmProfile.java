package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Absent;
import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * vLLM (V0 and V1 engines). Metric names as vLLM defines them: {@code vllm/v1/metrics/loggers.py}
 * (counters {@code vllm:prompt_tokens}, {@code vllm:generation_tokens}, {@code
 * vllm:request_success} with {@code finished_reason}, gauge {@code vllm:num_requests_running};
 * labels {@code model_name} and {@code engine}, one engine per engine core / data-parallel rank)
 * and {@code vllm/engine/metrics.py} for V0 (the same names, label {@code model_name} only).
 * prometheus_client appends {@code _total} to counters.
 *
 * <p>{@code vllm:prompt_tokens_total} counts every prompt token of a request, prefix-cache hits
 * included; where the page has {@code vllm:prompt_tokens_cached_total} (newer V1 builds: the prompt
 * tokens served from the local prefix cache), those are told apart as cached.
 *
 * <p>Both spellings are read: {@code vllm:prompt_tokens_total} and {@code
 * vllm_prompt_tokens_total}, which prometheus_client 0.23 and later writes under OpenMetrics
 * content negotiation. Should one page carry both spellings of a metric, the {@code vllm:} samples
 * are used and the others ignored, so nothing counts twice. {@code _created} samples are never
 * read.
 *
 * <p>Sums every sample of a metric over all labels but {@code model_name} (engine, finished_reason,
 * anything else); a sample without {@code model_name} counts under model {@value
 * ModelCounters#UNKNOWN_MODEL}. {@code tokenResolution} is the running requests over all models
 * (one engine step decodes one token per running request), at least 1; its counters move at every
 * step ({@link TokenCounting#EVERY_STEP}).
 *
 * <p>Stateless and thread-safe.
 */
public final class VllmProfile extends TableProfile {

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model_name",
          Rule.inBothSpellings(
              List.of(
                  Rule.of(Role.GENERATED, "vllm:generation_tokens_total"),
                  Rule.of(Role.PROMPT, "vllm:prompt_tokens_total"),
                  Rule.of(Role.PROMPT_CACHED, "vllm:prompt_tokens_cached_total"),
                  Rule.of(Role.REQUESTS, "vllm:request_success_total"),
                  Rule.of(Role.RUNNING, "vllm:num_requests_running"))),
          Absent.MISSING,
          CounterReader.PER_STEP,
          "no vLLM token counters on the page: vllm:prompt_tokens_total and"
              + " vllm:generation_tokens_total (or their vllm_ spellings) are missing");

  /**
   * Recognises vLLM by its token, request or running counters, in either spelling, or failing those
   * by any {@code vllm:} metric.
   */
  public VllmProfile() {
    super(
        "vllm",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(COUNTERS.metricsInRuleOrder()).orPrefixed("vllm:"));
  }
}
