package io.tokenjoule.cli;

import io.tokenjoule.logging.LogLevel;
import java.util.Map;

/** The log level {@code TOKENJOULE_LOG_LEVEL} asks for, when no {@code --log.level} is given. */
final class EnvironmentLogLevel {

  static final String VARIABLE = "TOKENJOULE_LOG_LEVEL";

  private EnvironmentLogLevel() {}

  /**
   * The level the variable names, or {@link LogLevel#INFO} when it is unset or empty.
   *
   * @throws IllegalArgumentException naming the variable, its value and the accepted ones
   */
  static LogLevel of(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return LogLevel.INFO;
    }
    try {
      return LogLevel.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "environment variable " + VARIABLE + ": " + e.getMessage(), e);
    }
  }
}
