package io.tokenjoule.cli;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --tick} and {@code --window} of a command that builds its agent without a configuration
 * file (the demo), held to the limits the configuration holds {@code tick} and {@code window} to.
 */
final class TickAndWindow {

  private TickAndWindow() {}

  /**
   * @throws ParameterException naming the flag, the limit and the value given
   */
  static void check(CommandSpec spec, Duration tick, Duration window) {
    if (tick.compareTo(AgentConfig.MIN_TICK) < 0 || tick.compareTo(AgentConfig.MAX_TICK) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--tick must be between "
              + DurationSyntax.format(AgentConfig.MIN_TICK)
              + " and "
              + DurationSyntax.format(AgentConfig.MAX_TICK)
              + ", got "
              + DurationSyntax.format(tick));
    }
    Duration twoTicks = tick.multipliedBy(2);
    if (window.compareTo(twoTicks) < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--window must be at least 2 x tick ("
              + DurationSyntax.format(twoTicks)
              + "), got "
              + DurationSyntax.format(window));
    }
    if (window.compareTo(AgentConfig.MAX_WINDOW) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--window must be at most "
              + DurationSyntax.format(AgentConfig.MAX_WINDOW)
              + ", got "
              + DurationSyntax.format(window));
    }
  }
}
