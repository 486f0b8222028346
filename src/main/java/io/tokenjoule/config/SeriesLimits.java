package io.tokenjoule.config;

/**
 * What one scrape keeps of a page, as Prometheus users know these limits: the {@code scrape} keys
 * {@code max_label_value_length}, {@code max_labels_per_series}, {@code max_models} and {@code
 * max_new_models_per_scrape}. A series or model over a limit is dropped and counted in {@code
 * tokenjoule_scrape_dropped_total{reason}}.
 *
 * @param maxLabelValueBytes the longest label value of a kept series, in UTF-8 bytes
 * @param maxLabelsPerSeries the most labels on a kept series
 * @param maxModels the most models one server may report
 * @param maxNewModelsPerScrape the most models one scrape after the first may add
 */
public record SeriesLimits(
    int maxLabelValueBytes, int maxLabelsPerSeries, int maxModels, int maxNewModelsPerScrape) {

  public static final SeriesLimits DEFAULTS = new SeriesLimits(512, 32, 64, 8);

  /** The largest value any of these keys takes: limits, not a way to turn the check off. */
  public static final int MAX = 65_536;

  public SeriesLimits {
    for (int limit :
        new int[] {maxLabelValueBytes, maxLabelsPerSeries, maxModels, maxNewModelsPerScrape}) {
      if (limit < 1 || limit > MAX) {
        throw new IllegalArgumentException("series limits must be between 1 and " + MAX);
      }
    }
  }
}
