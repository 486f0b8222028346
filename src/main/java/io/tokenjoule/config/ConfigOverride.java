package io.tokenjoule.config;

import java.util.Objects;

/**
 * A value given on the command line that replaces the file's, for example {@code
 * ConfigOverride("window", "30s", "--window")}. It is validated like a file value, and its problems
 * name {@code origin} instead of a line.
 *
 * @param keyPath a settable key such as {@code tick} or {@code scrape.timeout}
 * @param value the text as typed; for {@code gpus}, {@code all} or a comma-separated list such as
 *     {@code 0,1}
 * @param origin what the operator typed, usually the flag ({@code --window})
 */
public record ConfigOverride(String keyPath, String value, String origin) {
  public ConfigOverride {
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    if (origin.isBlank()) {
      throw new IllegalArgumentException("origin must not be blank (key " + keyPath + ")");
    }
  }
}
