package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Absent;
import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * SGLang ({@code --enable-metrics}). Metric names as SGLang defines them in {@code
 * python/sglang/srt/metrics/collector.py}:
 *
 * <ul>
 *   <li>the tokenizer manager's counters {@code sglang:prompt_tokens_total}, {@code
 *       sglang:generation_tokens_total} and {@code sglang:num_requests_total}, incremented when a
 *       request finishes, labelled {@code model_name} (plus any custom labels);
 *   <li>the schedulers' counter {@code sglang:realtime_tokens_total{mode}}, {@code mode} one of
 *       {@code prefill_compute}, {@code prefill_cache}, {@code decode}, incremented at every
 *       prefill batch and decode step, and the gauges {@code sglang:num_running_reqs} and {@code
 *       sglang:num_used_tokens}; labelled {@code model_name}, {@code engine_type}, {@code tp_rank},
 *       {@code pp_rank}, {@code moe_ep_rank} and, with data parallelism, {@code dp_rank}.
 * </ul>
 *
 * <p>SGLang serves its page through prometheus_client's multiprocess collector: counters come
 * summed over processes, gauges kept with {@code multiprocess_mode="mostrecent"} carry no {@code
 * pid}, other gauges do. Both spellings are read, {@code sglang:} and the {@code sglang_} that
 * prometheus_client 0.23 and later writes under OpenMetrics negotiation; when a page carries both
 * spellings of a metric the {@code sglang:} samples win. {@code _created} samples are never read.
 *
 * <p>How samples are summed. Tokenizer counters: over every label but {@code model_name}. Scheduler
 * series: only the scheduler of attention-TP rank 0 of each data-parallel group reports by default;
 * with {@code --enable-metrics-for-all-schedulers} every TP (and pipeline, expert) rank of the
 * group reports the same batch again. So each scheduler series is reduced to the largest value over
 * the ranks of one {@code (model_name, dp_rank, mode)}, and those are summed over {@code dp_rank}.
 * Summing over {@code tp_rank} would count each token once per rank.
 *
 * <p>Which token counters are used, per model: {@code sglang:realtime_tokens_total} when the page
 * has it (prompt = {@code prefill_compute} + {@code prefill_cache}, the whole prompt as the
 * tokenizer counter counts it; generated = {@code decode}, which leaves out the first token of each
 * request, made by the prefill step); otherwise the tokenizer counters. The realtime counter
 * appears with a server's first batch, before its first request finishes, so a server does not
 * switch from one source to the other in its life. Cached prompt tokens (served from the radix
 * cache, not computed) are told apart: {@code prefill_cache} with the realtime counter, else the
 * tokenizer's {@code sglang:cached_tokens_total} (summed over its {@code cache_source}) where the
 * page has it. A model without {@code model_name} counts under {@value
 * ModelCounters#UNKNOWN_MODEL}.
 *
 * <p>{@code tokenResolution}, summed over models: for a model read from {@code
 * sglang:realtime_tokens_total}, its running requests (one decode step adds about one token per
 * running request); for a model read from the tokenizer counters, which move only when a request
 * finishes, the tokens its running requests hold in the KV cache ({@code sglang:num_used_tokens}:
 * what those requests will add when they finish), or its running requests when the page lacks that
 * gauge (an understatement). At least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class SglangProfile extends TableProfile {

  private static final String DP_RANK = "dp_rank";
  private static final String REALTIME = "sglang:realtime_tokens_total";

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model_name",
          Rule.inBothSpellings(
              List.of(
                  Rule.of(Role.GENERATED, "sglang:generation_tokens_total").asFallback(),
                  Rule.of(Role.PROMPT, "sglang:prompt_tokens_total").asFallback(),
                  Rule.of(Role.PROMPT, REALTIME, "mode", "prefill_compute").perReplica(DP_RANK),
                  Rule.of(Role.PROMPT, REALTIME, "mode", "prefill_cache").perReplica(DP_RANK),
                  Rule.of(Role.PROMPT_CACHED, REALTIME, "mode", "prefill_cache")
                      .perReplica(DP_RANK),
                  Rule.of(Role.PROMPT_CACHED, "sglang:cached_tokens_total").asFallback(),
                  Rule.of(Role.GENERATED, REALTIME, "mode", "decode").perReplica(DP_RANK),
                  Rule.of(Role.REQUESTS, "sglang:num_requests_total"),
                  Rule.of(Role.RUNNING, "sglang:num_running_reqs").perReplica(DP_RANK),
                  Rule.of(Role.IN_FLIGHT_TOKENS, "sglang:num_used_tokens").perReplica(DP_RANK))),
          Absent.ZERO_ONCE_COUNTING,
          new CounterReader.Lag() {
            @Override
            public double tokens(CounterReader.Sums model) {
              return model.readsFallback()
                  ? CounterReader.PER_STEP_OR_REQUEST.tokens(model)
                  : CounterReader.PER_STEP.tokens(model);
            }

            /** The realtime counter moves at every step, the tokenizer's when a request ends. */
            @Override
            public TokenCounting counting(CounterReader.Sums model) {
              return model.readsFallback() ? TokenCounting.ON_COMPLETION : TokenCounting.EVERY_STEP;
            }
          },
          "no SGLang token counters on the page: sglang:prompt_tokens_total,"
              + " sglang:generation_tokens_total and sglang:realtime_tokens_total (or their"
              + " sglang_ spellings) are missing; is the server started with --enable-metrics?");

  /**
   * Recognises SGLang by its token, request or running counters, in either spelling, or failing
   * those by any {@code sglang:} metric.
   */
  public SglangProfile() {
    super(
        "sglang",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(
                COUNTERS.metricsInRuleOrder().stream()
                    .filter(name -> !name.contains("num_used_tokens"))
                    .toList())
            .orPrefixed("sglang:"));
  }
}
