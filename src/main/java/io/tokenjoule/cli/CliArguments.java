package io.tokenjoule.cli;

import io.tokenjoule.Seconds;
import io.tokenjoule.config.DurationSyntax;
import io.tokenjoule.config.ListenAddress;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses option values with the configuration's own syntax, so flags and YAML agree. */
final class CliArguments {

  private CliArguments() {}

  static Duration duration(CommandSpec spec, String option, String text) {
    try {
      return DurationSyntax.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  static ListenAddress listenAddress(CommandSpec spec, String option, String text) {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /** A duration of more than 0s, in seconds. */
  static double seconds(CommandSpec spec, String option, String text) {
    Duration parsed = duration(spec, option, text);
    if (parsed.isZero() || parsed.isNegative()) {
      throw new ParameterException(spec.commandLine(), option + " must be more than 0s");
    }
    return Seconds.of(parsed);
  }

  /** {@code 5%} or {@code 5} (percent) as a fraction. */
  static double percent(CommandSpec spec, String option, String text) {
    String number = text.trim();
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1).trim();
    }
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a percentage such as 5%, got '" + text + "'");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a percentage >= 0, got '" + text + "'");
    }
    return value / 100;
  }
}
