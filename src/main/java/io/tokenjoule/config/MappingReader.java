package io.tokenjoule.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the keys of one mapping: reports unknown and duplicate keys when built, and missing
 * required keys when asked, each at the right line.
 */
final class MappingReader {
  private final Located at;
  private final List<String> allowedKeys;
  private final Problems problems;
  private final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();

  private MappingReader(
      Located at, List<YamlNode.Entry> all, List<String> allowedKeys, Problems problems) {
    this.at = at;
    this.allowedKeys = allowedKeys;
    this.problems = problems;
    for (YamlNode.Entry entry : all) {
      ConfigLocation keyLocation =
          entry.keyMark().at(at.child(entry.key(), entry.value()).keyPath());
      YamlNode.Entry first = entries.get(entry.key());
      if (!allowedKeys.contains(entry.key())) {
        problems.add(
            keyLocation,
            "unknown key '" + entry.key() + "'; allowed keys: " + String.join(", ", allowedKeys));
      } else if (first != null) {
        problems.add(
            keyLocation,
            "duplicate key '"
                + entry.key()
                + "' (first at "
                + first.keyMark().position()
                + "); each key may appear once");
      } else {
        entries.put(entry.key(), entry);
      }
    }
  }

  /**
   * A reader for {@code at} when it is a mapping; an empty value reads as an empty mapping.
   * Anything else is reported as {@code expected a mapping with keys a, b, got 'x'}.
   */
  static Optional<MappingReader> of(Located at, List<String> allowedKeys, Problems problems) {
    if (at.node() instanceof YamlNode.Mapping mapping) {
      return Optional.of(new MappingReader(at, mapping.entries(), allowedKeys, problems));
    }
    if (at.node() instanceof YamlNode.Scalar scalar && scalar.isNull()) {
      return Optional.of(new MappingReader(at, List.of(), allowedKeys, problems));
    }
    problems.add(
        at.location(),
        "expected a mapping with keys "
            + String.join(", ", allowedKeys)
            + ", got "
            + at.node().describe());
    return Optional.empty();
  }

  /** The value of {@code key}; empty when the key is absent or its value is empty (YAML null). */
  Optional<Located> optional(String key) {
    YamlNode.Entry entry = entries.get(key);
    if (entry == null || (entry.value() instanceof YamlNode.Scalar scalar && scalar.isNull())) {
      return Optional.empty();
    }
    return Optional.of(at.child(key, entry.value()));
  }

  /**
   * The duration under {@code key}, when present and valid: between {@code min} and {@code max}
   * (inclusive), else {@code rule} is reported and the result is empty.
   */
  Optional<Duration> durationBetween(
      String key, Duration min, Duration max, String rule, Problems problems) {
    return optional(key)
        .flatMap(
            value ->
                value.within(
                    DurationSyntax.read(value, problems),
                    d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0,
                    rule,
                    problems));
  }

  /**
   * The value of a required key, even an empty one (its reader reports {@code got an empty value}).
   * An absent key is reported at the mapping as {@code missing required key 'url'; required keys:
   * name, url, engine, gpus}.
   */
  Optional<Located> required(String key, List<String> requiredKeys) {
    YamlNode.Entry entry = entries.get(key);
    if (entry == null) {
      problems.add(
          at.location(),
          "missing required key '" + key + "'; required keys: " + String.join(", ", requiredKeys));
      return Optional.empty();
    }
    return Optional.of(at.child(key, entry.value()));
  }
}
