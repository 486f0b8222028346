package io.tokenjoule.config;

import java.util.List;
import java.util.Objects;

/**
 * A YAML value with the place it was written, so every problem can name its line and column.
 * Aliases are resolved to the anchored node, so a node can appear at several places of a tree.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

  Mark mark();

  /** How this node reads in a message after "got": {@code 'fast'}, {@code a list}... */
  String describe();

  /**
   * A scalar as written ({@code 1s}, {@code 0}, {@code true}); YAML's null ({@code ~}, {@code
   * null}, or nothing after the colon) has {@code isNull} set.
   */
  record Scalar(String text, boolean isNull, Mark mark) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(mark, "mark");
    }

    static Scalar of(String text, Mark mark) {
      return new Scalar(text, false, mark);
    }

    @Override
    public String describe() {
      return isNull ? "an empty value" : "'" + text + "'";
    }
  }

  /** One {@code key: value} pair; {@code keyMark} is where the key was written. */
  record Entry(String key, Mark keyMark, YamlNode value) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(keyMark, "keyMark");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A mapping in source order, duplicate keys included (the binder reports them). */
  record Mapping(List<Entry> entries, Mark mark) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
      Objects.requireNonNull(mark, "mark");
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
      Objects.requireNonNull(mark, "mark");
    }

    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }
}
