package io.tokenjoule.scrape;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One series of a metrics page by sample name and label values, as a Prometheus selector such as
 * {@code my_tokens_total{stage="prefill"}} names it: a sample matches when its name is {@code
 * metric} and it carries every label of {@code labels} with that value. A label the sample lacks
 * reads as the empty value, as in PromQL, so {@code {lora=""}} selects the samples without {@code
 * lora}.
 *
 * @param metric the sample name exactly as written on the page, suffix included ({@code _total},
 *     {@code _sum}); not blank
 * @param labels the label values a sample must carry, sorted by name; may be empty
 */
public record MetricSelector(String metric, Map<String, String> labels) {

  public MetricSelector {
    Objects.requireNonNull(metric, "metric");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** A selector of every sample named {@code metric}. */
  public static MetricSelector of(String metric) {
    return new MetricSelector(metric, Map.of());
  }

  /** A selector from a name and alternating label names and values. */
  public static MetricSelector of(String metric, String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      labels.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return new MetricSelector(metric, labels);
  }

  /** Whether {@code sample} is one of the series this selects. */
  public boolean matches(Sample sample) {
    if (!sample.name().equals(metric)) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!sample.labels().getOrDefault(label.getKey(), "").equals(label.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The selector as PromQL writes it: {@code my_tokens_total{stage="prefill"}}. */
  @Override
  public String toString() {
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
