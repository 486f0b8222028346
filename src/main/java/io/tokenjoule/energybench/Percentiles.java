package io.tokenjoule.energybench;

import java.util.Arrays;

/**
 * p50, p90 and p99 and the mean of a sample, in the sample's unit. Percentiles interpolate linearly
 * between the two nearest ranks (numpy's default); all NaN for an empty sample.
 */
public record Percentiles(int count, double mean, double p50, double p90, double p99) {

  public static final Percentiles EMPTY =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      return EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new Percentiles(
        sorted.length, sum / sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99));
  }

  static double at(double[] sorted, double quantile) {
    double rank = quantile * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
