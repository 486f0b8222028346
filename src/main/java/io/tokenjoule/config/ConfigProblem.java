package io.tokenjoule.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration.
 *
 * @param where the value, key or file at fault
 * @param message what is wrong and what is allowed, without the location, for example {@code
 *     expected a duration such as 1s or 500ms, got 'fast'}
 */
public record ConfigProblem(ConfigLocation where, String message) {
  public ConfigProblem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The line an operator reads: {@code tokenjoule.yaml:2:7: tick: expected a duration such as 1s or
   * 500ms, got 'fast'}.
   */
  @Override
  public String toString() {
    String path = where.keyPath().isEmpty() ? "" : where.keyPath() + ": ";
    return where.position() + ": " + path + message;
  }
}
