package io.tokenjoule.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code generic:} block of a server with {@code engine: generic}: which series of its page
 * count prompt tokens, generated tokens, finished requests and running requests, and which label
 * names the model.
 *
 * @param promptTokens the prompt-token series: a counter, or a histogram's {@code _sum}
 * @param generatedTokens the generated-token series; not the same series as {@code promptTokens}
 * @param requests the finished-request counter, if the server has one
 * @param running the running-request gauge, if the server has one
 * @param modelLabel the label naming the served model; absent: every sample counts under model
 *     {@code unknown}
 * @param location where the block starts, keyed {@code servers[i].generic}
 */
public record GenericEngineConfig(
    Series promptTokens,
    Series generatedTokens,
    Optional<Series> requests,
    Optional<Series> running,
    Optional<String> modelLabel,
    ConfigLocation location) {

  /** The engine name that takes this block. */
  public static final String ENGINE = "generic";

  /** A metric name as the Prometheus text format writes it unquoted. */
  public static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** A label name as the Prometheus text format writes it unquoted. */
  public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public GenericEngineConfig {
    Objects.requireNonNull(promptTokens, "promptTokens");
    Objects.requireNonNull(generatedTokens, "generatedTokens");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(running, "running");
    Objects.requireNonNull(modelLabel, "modelLabel");
    Objects.requireNonNull(location, "location");
    if (promptTokens.sameSeries(generatedTokens)) {
      throw new IllegalArgumentException("prompt and generated tokens name the same series");
    }
    modelLabel.ifPresent(GenericEngineConfig::requireLabelName);
  }

  /**
   * One series: samples named {@code metric} that carry every label of {@code labels} with that
   * value (a label a sample lacks reads as the empty value).
   *
   * @param metric the sample name as the page writes it, suffix included ({@code _total}, {@code
   *     _sum})
   * @param labels label name to required value, sorted by name
   * @param location where the series is configured
   */
  public record Series(String metric, Map<String, String> labels, ConfigLocation location) {
    public Series {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(location, "location");
      if (!METRIC_NAME.matcher(metric).matches()) {
        throw new IllegalArgumentException("invalid metric name '" + metric + "'");
      }
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
      labels.keySet().forEach(GenericEngineConfig::requireLabelName);
    }

    /** Whether {@code other} selects the same samples, wherever it is configured. */
    public boolean sameSeries(Series other) {
      return metric.equals(other.metric) && labels.equals(other.labels);
    }

    /** The series as PromQL writes it: {@code my_tokens_total{stage="prefill"}}. */
    public String selector() {
      if (labels.isEmpty()) {
        return metric;
      }
      StringBuilder out = new StringBuilder(metric).append('{');
      String separator = "";
      for (Map.Entry<String, String> label : labels.entrySet()) {
        out.append(separator).append(label.getKey()).append("=\"").append(label.getValue());
        out.append('"');
        separator = ",";
      }
      return out.append('}').toString();
    }
  }

  private static void requireLabelName(String name) {
    if (!LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid label name '" + name + "'");
    }
  }
}
