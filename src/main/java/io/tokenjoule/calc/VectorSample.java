package io.tokenjoule.calc;

import java.util.Map;

/**
 * One element of an instant vector: a series' labels and its value at the query's time.
 *
 * @param labels the series' labels, including {@code __name__} where the query kept it;
 *     unmodifiable
 * @param value the sample value; NaN and infinities are possible, as Prometheus writes them
 */
public record VectorSample(Map<String, String> labels, double value) {

  public VectorSample {
    labels = Map.copyOf(labels);
  }
}
