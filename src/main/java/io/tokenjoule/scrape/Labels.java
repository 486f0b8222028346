package io.tokenjoule.scrape;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of label name/value pairs of one sample, sorted by name. Small by design: the
 * series the agent keeps have a handful of labels, so lookups scan.
 */
public final class Labels {

  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Builds labels from alternating names and values: {@code of("model_name", "m", "engine", "0")}.
   */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (sorted.put(namesAndValues[i], namesAndValues[i + 1]) != null) {
        throw new IllegalArgumentException("duplicate label name " + namesAndValues[i]);
      }
    }
    return fromSorted(sorted);
  }

  /** Builds labels from a map; duplicate names are impossible by construction. */
  public static Labels of(Map<String, String> labels) {
    return fromSorted(new TreeMap<>(labels));
  }

  private static Labels fromSorted(TreeMap<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    return new Labels(
        sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
  }

  /** The value of label {@code name}, or null when the sample has no such label. */
  public String get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** The value of label {@code name}, or {@code fallback} when absent. */
  public String getOrDefault(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(names[i]).append("=\"").append(values[i]).append('"');
    }
    return out.append('}').toString();
  }
}
