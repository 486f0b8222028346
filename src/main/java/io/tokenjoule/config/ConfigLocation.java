package io.tokenjoule.config;

import java.util.Objects;

/**
 * Where a configuration value came from, so that errors found at load time or later at run time
 * (for example "GPU 3 does not exist") can point the operator at the line to fix.
 *
 * @param source the file as it was given ({@code /etc/tokenjoule/tokenjoule.yaml}) or the flag a
 *     value came from ({@code --window})
 * @param line 1-based line in the file, or 0 when there is no line (a flag, a whole file)
 * @param column 1-based column, or 0 when unknown; always 0 when {@code line} is 0
 * @param keyPath the key's path such as {@code servers[0].gpus[1]}, or empty for the whole file
 */
public record ConfigLocation(String source, int line, int column, String keyPath) {
  public ConfigLocation {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(keyPath, "keyPath");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank");
    }
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line and column must be >= 0, got " + line + ":" + column);
    }
    if (line == 0 && column != 0) {
      throw new IllegalArgumentException("a column needs a line, got 0:" + column);
    }
  }

  /** A location without a line: a command-line flag, or a file as a whole. */
  public static ConfigLocation of(String source, String keyPath) {
    return new ConfigLocation(source, 0, 0, keyPath);
  }

  /** {@code tokenjoule.yaml:7:5}, {@code tokenjoule.yaml:7} or {@code --window}. */
  public String position() {
    if (line == 0) {
      return source;
    }
    return column == 0 ? source + ":" + line : source + ":" + line + ":" + column;
  }

  /** {@code tokenjoule.yaml:7:5 (servers[0].gpus[1])}, or just the position for an empty path. */
  @Override
  public String toString() {
    return keyPath.isEmpty() ? position() : position() + " (" + keyPath + ")";
  }
}
