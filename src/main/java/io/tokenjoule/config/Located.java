package io.tokenjoule.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A node at the key path it was reached by: {@code servers[0].gpus[1]}. */
record Located(YamlNode node, String keyPath) {

  ConfigLocation location() {
    return node.mark().at(keyPath);
  }

  Located child(String key, YamlNode value) {
    return new Located(value, keyPath.isEmpty() ? key : keyPath + "." + key);
  }

  Located item(int index, YamlNode value) {
    return new Located(value, keyPath + "[" + index + "]");
  }

  /** The scalar's text as written, or how the node reads after "got" when it is not a scalar. */
  String text() {
    return node instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : node.describe();
  }

  /**
   * Reads a scalar with {@code parser}, which throws {@link IllegalArgumentException} with a
   * message saying what is allowed. A list, a mapping or an empty value is reported as {@code
   * expected <expected>, got a list}.
   *
   * @return the value, or empty when a problem was reported
   */
  <T> Optional<T> parse(Problems problems, String expected, Function<String, T> parser) {
    if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
      problems.add(location(), "expected " + expected + ", got " + node.describe());
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(scalar.text()));
    } catch (IllegalArgumentException e) {
      problems.add(location(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Reports {@code <rule>, got <text as written>} here when a parsed value breaks {@code ok}.
   *
   * @return the value when it keeps the rule, else empty
   */
  <T> Optional<T> within(Optional<T> value, Predicate<T> ok, String rule, Problems problems) {
    if (value.isPresent() && !ok.test(value.get())) {
      problems.add(location(), rule + ", got " + text());
      return Optional.empty();
    }
    return value;
  }
}
