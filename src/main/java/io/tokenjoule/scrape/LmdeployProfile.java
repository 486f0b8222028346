package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * LMDeploy's api_server with {@code --enable-metrics}. Metric names as {@code
 * lmdeploy/metrics/loggers.py} ({@code PrometheusStatLogger}) defines them: counters {@code
 * lmdeploy:prompt_tokens_total} and {@code lmdeploy:generation_tokens_total} (per engine step),
 * {@code lmdeploy:request_success_total} with {@code finished_reason} (newer releases; older ones
 * have it commented out, and then requests read as unknown), gauge {@code
 * lmdeploy:num_requests_running}; labels {@code model_name} and {@code engine} (the data-parallel
 * rank). Created series are disabled there.
 *
 * <p>Like vLLM's, the names are read in both spellings, {@code lmdeploy:} and {@code lmdeploy_}
 * (prometheus_client 0.23 and later under OpenMetrics negotiation); the colon spelling wins when a
 * page has both. Sums over every label but {@code model_name}.
 *
 * <p>{@code tokenResolution} is the running requests over all models, at least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class LmdeployProfile extends TableProfile {

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model_name",
          Rule.inBothSpellings(
              List.of(
                  Rule.of(Role.PROMPT, "lmdeploy:prompt_tokens_total"),
                  Rule.of(Role.GENERATED, "lmdeploy:generation_tokens_total"),
                  Rule.of(Role.REQUESTS, "lmdeploy:request_success_total"),
                  Rule.of(Role.RUNNING, "lmdeploy:num_requests_running"))),
          "no LMDeploy token counters on the page: lmdeploy:prompt_tokens_total and"
              + " lmdeploy:generation_tokens_total (or their lmdeploy_ spellings) are missing;"
              + " is the server started with --enable-metrics?");

  /** Recognises LMDeploy by its token counters in either spelling, or by any lmdeploy: metric. */
  public LmdeployProfile() {
    super(
        "lmdeploy",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(COUNTERS.metricsInRuleOrder()).orPrefixed("lmdeploy:"));
  }
}
