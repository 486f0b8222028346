package io.tokenjoule.config;

import java.util.Objects;

/**
 * Where a node of the configuration tree was written: a file position (1-based line and column), or
 * a command-line flag (line and column 0).
 */
record Mark(String source, int line, int column) {
  Mark {
    Objects.requireNonNull(source, "source");
  }

  /** A mark for a value that came from a flag such as {@code --window}. */
  static Mark flag(String origin) {
    return new Mark(origin, 0, 0);
  }

  /** This mark at a key path, as reported to operators. */
  ConfigLocation at(String keyPath) {
    return new ConfigLocation(source, line, column, keyPath);
  }

  /** {@code tokenjoule.yaml:7:5}, or {@code --window} for a flag. */
  String position() {
    return at("").position();
  }
}
