package io.tokenjoule.cli;

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
}
