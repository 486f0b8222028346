package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

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
 * switch from one source to the other in its life. A model without {@code model_name} counts under
 * {@value VllmProfile#UNKNOWN_MODEL}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SglangProfile implements EngineProfile {

  private static final String MODEL_LABEL = "model_name";
  private static final String DP_RANK_LABEL = "dp_rank";
  private static final String MODE_LABEL = "mode";

  private enum Metric {
    PROMPT_TOKENS("prompt_tokens_total"),
    GENERATION_TOKENS("generation_tokens_total"),
    REQUESTS("num_requests_total"),
    REALTIME_TOKENS("realtime_tokens_total"),
    RUNNING("num_running_reqs"),
    USED_TOKENS("num_used_tokens");

    final String colonName;
    final String underscoreName;

    Metric(String suffix) {
      this.colonName = "sglang:" + suffix;
      this.underscoreName = "sglang_" + suffix;
    }

    /** Whether a scheduler, replicated over TP ranks, reports it. */
    boolean perScheduler() {
      return this == REALTIME_TOKENS || this == RUNNING || this == USED_TOKENS;
    }
  }

  private static final Map<String, Metric> BY_NAME;
  private static final ColonSpelling SPELLING =
      new ColonSpelling(Arrays.stream(Metric.values()).map(m -> m.colonName).toList());
  private static final Set<String> SAMPLE_NAMES;
  private static final List<String> RECOGNISED_IN_ORDER;

  static {
    Map<String, Metric> byName = new TreeMap<>();
    for (Metric metric : Metric.values()) {
      byName.put(metric.colonName, metric);
      byName.put(metric.underscoreName, metric);
    }
    BY_NAME = Map.copyOf(byName);
    SAMPLE_NAMES = Set.copyOf(byName.keySet());
    List<String> order = new ArrayList<>();
    for (Metric metric :
        List.of(
            Metric.GENERATION_TOKENS,
            Metric.PROMPT_TOKENS,
            Metric.REALTIME_TOKENS,
            Metric.REQUESTS,
            Metric.RUNNING)) {
      order.add(metric.colonName);
      order.add(metric.underscoreName);
    }
    RECOGNISED_IN_ORDER = List.copyOf(order);
  }

  @Override
  public String engine() {
    return "sglang";
  }

  @Override
  public Set<String> sampleNames() {
    return SAMPLE_NAMES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code tokenResolution}, summed over models: for a model read from {@code
   * sglang:realtime_tokens_total}, its running requests (one decode step adds about one token per
   * running request); for a model read from the tokenizer counters, which move only when a request
   * finishes, the tokens its running requests hold in the KV cache ({@code sglang:num_used_tokens}:
   * what those requests will add when they finish), or its running requests when the page lacks
   * that gauge (an understatement). At least 1.
   *
   * @throws MissingMetricsException when a model has neither the realtime counter nor both
   *     tokenizer token counters, when no model has tokens, or when a counter value is negative,
   *     NaN or infinite
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    Predicate<Sample> readable = SPELLING.readable(samples);
    Map<String, ModelSums> models = new TreeMap<>();
    boolean simulated = false;
    for (Sample sample : samples) {
      Metric metric = BY_NAME.get(sample.name());
      if (metric == null || !readable.test(sample)) {
        continue;
      }
      simulated |= "simulated".equals(sample.labels().get("source"));
      String model = sample.labels().getOrDefault(MODEL_LABEL, VllmProfile.UNKNOWN_MODEL);
      models.computeIfAbsent(model, ModelSums::new).add(metric, sample);
    }
    List<ModelCounters> counters = new ArrayList<>();
    double resolution = 0;
    boolean everyStep = true;
    for (ModelSums sums : models.values()) {
      if (!sums.hasTokens()) {
        continue;
      }
      counters.add(sums.counters());
      resolution += sums.resolution();
      everyStep &= sums.usesRealtime();
    }
    if (counters.isEmpty()) {
      throw new MissingMetricsException(
          "no SGLang token counters on the page: "
              + Metric.PROMPT_TOKENS.colonName
              + ", "
              + Metric.GENERATION_TOKENS.colonName
              + " and "
              + Metric.REALTIME_TOKENS.colonName
              + " (or their sglang_ spellings) are missing; is the server started with"
              + " --enable-metrics?");
    }
    return new EngineCounters(
        counters,
        Math.max(1.0, resolution),
        simulated,
        everyStep ? TokenCounting.EVERY_STEP : TokenCounting.ON_COMPLETION);
  }

  /**
   * Recognises SGLang by its token, request or running counters, in either spelling, or failing
   * those by any {@code sglang:} metric.
   */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return Recognition.firstOfOrPrefixed(sampleNames, RECOGNISED_IN_ORDER, "sglang:");
  }

  /** The sums of one model. */
  private static final class ModelSums {
    final String model;
    final double[] tokenizerSums = new double[Metric.values().length];
    final boolean[] seen = new boolean[Metric.values().length];

    /** Per scheduler metric: the largest value per data-parallel rank and mode. */
    final Map<Metric, Map<String, Double>> replicaMax = new HashMap<>();

    boolean runningInvalid;

    ModelSums(String model) {
      this.model = model;
    }

    void add(Metric metric, Sample sample) throws MissingMetricsException {
      double value = sample.value();
      if (!Double.isFinite(value) || value < 0) {
        if (metric == Metric.RUNNING) {
          runningInvalid = true;
          return;
        }
        if (metric == Metric.USED_TOKENS) {
          return;
        }
        throw new MissingMetricsException(
            sample.name() + sample.labels() + " has the value " + value + ", not a counter value");
      }
      seen[metric.ordinal()] = true;
      if (!metric.perScheduler()) {
        tokenizerSums[metric.ordinal()] += value;
        return;
      }
      String mode = metric == Metric.REALTIME_TOKENS ? sample.labels().get(MODE_LABEL) : "";
      String group = sample.labels().getOrDefault(DP_RANK_LABEL, "") + '\u0000' + mode;
      replicaMax.computeIfAbsent(metric, m -> new HashMap<>()).merge(group, value, Math::max);
    }

    boolean usesRealtime() {
      return seen[Metric.REALTIME_TOKENS.ordinal()];
    }

    boolean hasTokens() {
      return usesRealtime()
          || seen[Metric.PROMPT_TOKENS.ordinal()]
          || seen[Metric.GENERATION_TOKENS.ordinal()];
    }

    ModelCounters counters() throws MissingMetricsException {
      double prompt;
      double generated;
      if (usesRealtime()) {
        prompt = realtime("prefill_compute") + realtime("prefill_cache");
        generated = realtime("decode");
      } else {
        for (Metric metric : List.of(Metric.PROMPT_TOKENS, Metric.GENERATION_TOKENS)) {
          if (!seen[metric.ordinal()]) {
            throw new MissingMetricsException(
                metric.colonName
                    + " missing for model "
                    + model
                    + ", and no "
                    + Metric.REALTIME_TOKENS.colonName
                    + " to read instead");
          }
        }
        prompt = tokenizerSums[Metric.PROMPT_TOKENS.ordinal()];
        generated = tokenizerSums[Metric.GENERATION_TOKENS.ordinal()];
      }
      double requests =
          seen[Metric.REQUESTS.ordinal()] ? tokenizerSums[Metric.REQUESTS.ordinal()] : Double.NaN;
      return new ModelCounters(model, prompt, generated, requests, running());
    }

    double resolution() {
      double running = running();
      double runningOrZero = Double.isNaN(running) ? 0 : running;
      if (usesRealtime() || !seen[Metric.USED_TOKENS.ordinal()]) {
        return runningOrZero;
      }
      return sumOverRanks(Metric.USED_TOKENS);
    }

    private double running() {
      return runningInvalid || !seen[Metric.RUNNING.ordinal()]
          ? Double.NaN
          : sumOverRanks(Metric.RUNNING);
    }

    private double realtime(String mode) {
      double sum = 0;
      for (Map.Entry<String, Double> group :
          replicaMax.getOrDefault(Metric.REALTIME_TOKENS, Map.of()).entrySet()) {
        if (group.getKey().endsWith('\u0000' + mode)) {
          sum += group.getValue();
        }
      }
      return sum;
    }

    private double sumOverRanks(Metric metric) {
      double sum = 0;
      for (double value : replicaMax.getOrDefault(metric, Map.of()).values()) {
        sum += value;
      }
      return sum;
    }
  }
}
