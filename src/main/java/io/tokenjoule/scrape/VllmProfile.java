package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * vLLM (V0 and V1 engines). Metric names as vLLM defines them: {@code vllm/v1/metrics/loggers.py}
 * (counters {@code vllm:prompt_tokens}, {@code vllm:generation_tokens}, {@code
 * vllm:request_success} with {@code finished_reason}, gauge {@code vllm:num_requests_running};
 * labels {@code model_name} and {@code engine}, one engine per engine core / data-parallel rank)
 * and {@code vllm/engine/metrics.py} for V0 (the same names, label {@code model_name} only).
 * prometheus_client appends {@code _total} to counters.
 *
 * <p>Both spellings are read: {@code vllm:prompt_tokens_total} and {@code
 * vllm_prompt_tokens_total}, which prometheus_client 0.23 and later writes under OpenMetrics
 * content negotiation. Should one page carry both spellings of a metric, the {@code vllm:} samples
 * are used and the others ignored, so nothing counts twice. {@code _created} samples are never
 * read.
 *
 * <p>Sums every sample of a metric over all labels but {@code model_name} (engine, finished_reason,
 * anything else); a sample without {@code model_name} counts under model {@value #UNKNOWN_MODEL}.
 *
 * <p>Stateless and thread-safe.
 */
public final class VllmProfile implements EngineProfile {

  /** The model of samples that carry no {@code model_name} label. */
  public static final String UNKNOWN_MODEL = "unknown";

  private static final String MODEL_LABEL = "model_name";

  private enum Metric {
    PROMPT_TOKENS("prompt_tokens_total"),
    GENERATION_TOKENS("generation_tokens_total"),
    REQUESTS("request_success_total"),
    RUNNING("num_requests_running");

    final String colonName;
    final String underscoreName;

    Metric(String suffix) {
      this.colonName = "vllm:" + suffix;
      this.underscoreName = "vllm_" + suffix;
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
        List.of(Metric.GENERATION_TOKENS, Metric.PROMPT_TOKENS, Metric.REQUESTS, Metric.RUNNING)) {
      order.add(metric.colonName);
      order.add(metric.underscoreName);
    }
    RECOGNISED_IN_ORDER = List.copyOf(order);
  }

  @Override
  public String engine() {
    return "vllm";
  }

  @Override
  public Set<String> sampleNames() {
    return SAMPLE_NAMES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Samples of other names are ignored. {@code tokenResolution} is the running requests over all
   * models (one engine step decodes one token per running request), at least 1; 1 when the page has
   * no running gauge.
   *
   * @throws MissingMetricsException when the prompt or generation counter is absent, absent for a
   *     model that has the other, or holds a value that is not a counter value (negative, NaN,
   *     infinite)
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
      String model = sample.labels().getOrDefault(MODEL_LABEL, UNKNOWN_MODEL);
      models.computeIfAbsent(model, ModelSums::new).add(metric, sample);
    }
    List<ModelCounters> counters = new ArrayList<>();
    double running = 0;
    for (ModelSums sums : models.values()) {
      if (!sums.seen[Metric.PROMPT_TOKENS.ordinal()]
          && !sums.seen[Metric.GENERATION_TOKENS.ordinal()]) {
        continue;
      }
      counters.add(sums.counters());
      if (sums.seen[Metric.RUNNING.ordinal()]) {
        running += sums.sums[Metric.RUNNING.ordinal()];
      }
    }
    if (counters.isEmpty()) {
      throw new MissingMetricsException(
          "no vLLM token counters on the page: "
              + Metric.PROMPT_TOKENS.colonName
              + " and "
              + Metric.GENERATION_TOKENS.colonName
              + " (or their vllm_ spellings) are missing");
    }
    return new EngineCounters(
        counters, Math.max(1.0, running), simulated, TokenCounting.EVERY_STEP);
  }

  /**
   * Recognises vLLM by its token, request or running counters, in either spelling, or failing those
   * by any {@code vllm:} metric.
   */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return Recognition.firstOfOrPrefixed(sampleNames, RECOGNISED_IN_ORDER, "vllm:");
  }

  /** The running sums of one model. */
  private static final class ModelSums {
    final String model;
    final double[] sums = new double[Metric.values().length];
    final boolean[] seen = new boolean[Metric.values().length];
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
        throw new MissingMetricsException(
            sample.name() + sample.labels() + " has the value " + value + ", not a counter value");
      }
      sums[metric.ordinal()] += value;
      seen[metric.ordinal()] = true;
    }

    ModelCounters counters() throws MissingMetricsException {
      Set<String> missing = new LinkedHashSet<>();
      for (Metric metric : List.of(Metric.PROMPT_TOKENS, Metric.GENERATION_TOKENS)) {
        if (!seen[metric.ordinal()]) {
          missing.add(metric.colonName);
        }
      }
      if (!missing.isEmpty()) {
        throw new MissingMetricsException(
            String.join(" and ", missing) + " missing for model " + model);
      }
      return new ModelCounters(
          model,
          sums[Metric.PROMPT_TOKENS.ordinal()],
          sums[Metric.GENERATION_TOKENS.ordinal()],
          valueOrNaN(Metric.REQUESTS),
          runningInvalid ? Double.NaN : valueOrNaN(Metric.RUNNING));
    }

    private double valueOrNaN(Metric metric) {
      return seen[metric.ordinal()] ? sums[metric.ordinal()] : Double.NaN;
    }
  }
}
