package io.tokenjoule.config;

import static io.tokenjoule.config.ConfigKeys.GENERATED_TOKENS;
import static io.tokenjoule.config.ConfigKeys.GENERIC_KEYS;
import static io.tokenjoule.config.ConfigKeys.GENERIC_REQUIRED_KEYS;
import static io.tokenjoule.config.ConfigKeys.LABELS;
import static io.tokenjoule.config.ConfigKeys.METRIC;
import static io.tokenjoule.config.ConfigKeys.MODEL_LABEL;
import static io.tokenjoule.config.ConfigKeys.PROMPT_TOKENS;
import static io.tokenjoule.config.ConfigKeys.REQUESTS;
import static io.tokenjoule.config.ConfigKeys.RUNNING;
import static io.tokenjoule.config.ConfigKeys.SERIES_KEYS;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a server's {@code generic:} block: the series of prompt tokens, generated tokens, requests
 * and running requests, and the model label. A series is a metric name, or a mapping with {@code
 * metric} and optional {@code labels}. Thread-safe: it holds no state.
 */
final class GenericEngineBinder {

  static final String EXPECTED_METRIC =
      "a metric name such as my_prompt_tokens_total (letters, digits, _ and :, not starting with a"
          + " digit)";
  static final String EXPECTED_LABEL_NAME =
      "a label name such as model (letters, digits and _, not starting with a digit)";
  static final String EXPECTED_LABEL_VALUE = "a label value (quote an empty one: \"\")";
  static final String EXPECTED_LABELS =
      "a mapping of label names to values such as {stage: prefill}";

  private GenericEngineBinder() {}

  /**
   * @return the block, or empty when a problem was reported
   */
  static Optional<GenericEngineConfig> read(Located at, Problems problems) {
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at, GENERIC_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<GenericEngineConfig.Series> prompt =
        keys.required(PROMPT_TOKENS, GENERIC_REQUIRED_KEYS).flatMap(s -> series(s, problems));
    Optional<GenericEngineConfig.Series> generated =
        keys.required(GENERATED_TOKENS, GENERIC_REQUIRED_KEYS).flatMap(s -> series(s, problems));
    Optional<GenericEngineConfig.Series> requests =
        keys.optional(REQUESTS).flatMap(s -> series(s, problems));
    Optional<GenericEngineConfig.Series> running =
        keys.optional(RUNNING).flatMap(s -> series(s, problems));
    Optional<String> modelLabel =
        keys.optional(MODEL_LABEL)
            .flatMap(m -> m.parse(problems, EXPECTED_LABEL_NAME, GenericEngineBinder::labelName));
    if (prompt.isPresent() && generated.isPresent() && prompt.get().sameSeries(generated.get())) {
      problems.add(
          generated.get().location(),
          "generated_tokens selects the same series as prompt_tokens ("
              + prompt.get().selector()
              + " at "
              + prompt.get().location().position()
              + "); each must count its own tokens");
    }
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new GenericEngineConfig(
            prompt.orElseThrow(),
            generated.orElseThrow(),
            requests,
            running,
            modelLabel,
            at.location()));
  }

  private static Optional<GenericEngineConfig.Series> series(Located at, Problems problems) {
    if (at.node() instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
      return at.parse(problems, EXPECTED_METRIC, GenericEngineBinder::metricName)
          .map(metric -> new GenericEngineConfig.Series(metric, Map.of(), at.location()));
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at, SERIES_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> metric =
        reader
            .get()
            .required(METRIC, List.of(METRIC))
            .flatMap(m -> m.parse(problems, EXPECTED_METRIC, GenericEngineBinder::metricName));
    Map<String, String> labels =
        reader.get().optional(LABELS).map(l -> labels(l, problems)).orElse(Map.of());
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new GenericEngineConfig.Series(metric.orElseThrow(), labels, at.location()));
  }

  private static Map<String, String> labels(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Mapping mapping)) {
      problems.add(at.location(), "expected " + EXPECTED_LABELS + ", got " + at.node().describe());
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, ConfigLocation> firstAt = new HashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located value = at.child(entry.key(), entry.value());
      ConfigLocation keyLocation = entry.keyMark().at(value.keyPath());
      if (!GenericEngineConfig.LABEL_NAME.matcher(entry.key()).matches()) {
        problems.add(
            keyLocation, "expected " + EXPECTED_LABEL_NAME + ", got '" + entry.key() + "'");
        continue;
      }
      ConfigLocation first = firstAt.putIfAbsent(entry.key(), keyLocation);
      if (first != null) {
        problems.add(
            keyLocation,
            "duplicate label '"
                + entry.key()
                + "' (first at "
                + first.position()
                + "); each label may appear once");
        continue;
      }
      value
          .parse(problems, EXPECTED_LABEL_VALUE, text -> text)
          .ifPresent(text -> labels.put(entry.key(), text));
    }
    return labels;
  }

  private static String metricName(String text) {
    if (!GenericEngineConfig.METRIC_NAME.matcher(text).matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED_METRIC + ", got '" + text + "'");
    }
    return text;
  }

  private static String labelName(String text) {
    if (!GenericEngineConfig.LABEL_NAME.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "expected " + EXPECTED_LABEL_NAME + ", got '" + text + "'");
    }
    return text;
  }
}
