package io.tokenjoule.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes command-line overrides into the YAML tree before binding, marked with their flag, so that
 * they are validated exactly like file values and their problems name the flag.
 */
final class OverrideApplier {

  private OverrideApplier() {}

  /**
   * Applies {@code overrides} in order (a later one for the same key wins). A key that cannot be
   * overridden is reported. When the file has a non-mapping where the override needs a mapping (for
   * example {@code nvml: 5}), the file is left as it is and its own problem is reported.
   *
   * @return the tree with the overrides written in; {@code root} itself when it is not a mapping
   */
  static YamlNode apply(YamlNode root, List<ConfigOverride> overrides, Problems problems) {
    if (!(root instanceof YamlNode.Mapping)) {
      return root;
    }
    YamlNode.Mapping result = (YamlNode.Mapping) root;
    for (ConfigOverride override : overrides) {
      if (!ConfigKeys.SETTABLE.contains(override.keyPath())) {
        problems.add(
            ConfigLocation.of(override.origin(), override.keyPath()),
            "unknown key '"
                + override.keyPath()
                + "'; keys that can be set from the command line: "
                + String.join(", ", ConfigKeys.SETTABLE));
        continue;
      }
      Mark mark = Mark.flag(override.origin());
      result = set(result, List.of(override.keyPath().split("\\.")), value(override, mark), mark);
    }
    return result;
  }

  /** {@code gpus} reads {@code all} or a comma-separated list; every other key, a scalar. */
  private static YamlNode value(ConfigOverride override, Mark mark) {
    if (!override.keyPath().equals(ConfigKeys.GPUS) || override.value().equals("all")) {
      return YamlNode.Scalar.of(override.value(), mark);
    }
    List<YamlNode> items = new ArrayList<>();
    if (!override.value().isBlank()) {
      for (String item : override.value().split(",", -1)) {
        items.add(YamlNode.Scalar.of(item.trim(), mark));
      }
    }
    return new YamlNode.Sequence(items, mark);
  }

  private static YamlNode.Mapping set(
      YamlNode.Mapping mapping, List<String> path, YamlNode value, Mark mark) {
    String key = path.get(0);
    List<YamlNode.Entry> entries = new ArrayList<>(mapping.entries());
    int index = indexOf(entries, key);
    YamlNode replacement = value;
    if (path.size() > 1) {
      YamlNode current = index < 0 ? null : entries.get(index).value();
      if (current == null || (current instanceof YamlNode.Scalar s && s.isNull())) {
        current = new YamlNode.Mapping(List.of(), mark);
      }
      if (!(current instanceof YamlNode.Mapping child)) {
        return mapping;
      }
      replacement = set(child, path.subList(1, path.size()), value, mark);
    }
    if (index < 0) {
      entries.add(new YamlNode.Entry(key, mark, replacement));
    } else {
      entries.set(index, new YamlNode.Entry(key, entries.get(index).keyMark(), replacement));
    }
    return new YamlNode.Mapping(entries, mapping.mark());
  }

  private static int indexOf(List<YamlNode.Entry> entries, String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
