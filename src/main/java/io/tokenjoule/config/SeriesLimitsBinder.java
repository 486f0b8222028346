package io.tokenjoule.config;

import java.util.Optional;
import java.util.function.Function;

/** Reads the {@link SeriesLimits} keys of the {@code scrape} section; each has a default. */
final class SeriesLimitsBinder {

  static final String MAX_LABEL_VALUE_LENGTH = "max_label_value_length";
  static final String MAX_LABELS_PER_SERIES = "max_labels_per_series";
  static final String MAX_MODELS = "max_models";
  static final String MAX_NEW_MODELS_PER_SCRAPE = "max_new_models_per_scrape";

  private static final String EXPECTED = "an integer between 1 and " + SeriesLimits.MAX;

  private SeriesLimitsBinder() {}

  static Optional<SeriesLimits> read(MappingReader keys, Problems problems) {
    SeriesLimits defaults = SeriesLimits.DEFAULTS;
    Optional<Integer> valueLength =
        limit(keys, MAX_LABEL_VALUE_LENGTH, defaults.maxLabelValueBytes(), problems);
    Optional<Integer> labels =
        limit(keys, MAX_LABELS_PER_SERIES, defaults.maxLabelsPerSeries(), problems);
    Optional<Integer> models = limit(keys, MAX_MODELS, defaults.maxModels(), problems);
    Optional<Integer> newModels =
        limit(keys, MAX_NEW_MODELS_PER_SCRAPE, defaults.maxNewModelsPerScrape(), problems);
    if (valueLength.isEmpty() || labels.isEmpty() || models.isEmpty() || newModels.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SeriesLimits(valueLength.get(), labels.get(), models.get(), newModels.get()));
  }

  private static Optional<Integer> limit(
      MappingReader keys, String key, int fallback, Problems problems) {
    Optional<Located> at = keys.optional(key);
    if (at.isEmpty()) {
      return Optional.of(fallback);
    }
    Located value = at.get();
    return value.within(
        value.parse(problems, EXPECTED, (Function<String, Integer>) SeriesLimitsBinder::integer),
        n -> n >= 1 && n <= SeriesLimits.MAX,
        "must be between 1 and " + SeriesLimits.MAX,
        problems);
  }

  private static int integer(String text) {
    if (!text.matches("\\d{1,9}")) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    return Integer.parseInt(text);
  }
}
