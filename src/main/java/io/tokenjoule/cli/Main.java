package io.tokenjoule.cli;

import java.util.Map;
import picocli.CommandLine;

/** Entry point of {@code tokenjoule.jar}. */
public final class Main {

  /** Wide enough that option descriptions are not squeezed into a narrow column. */
  static final int USAGE_WIDTH = 100;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests. */
  public static int run(String... args) {
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
    return commandLine().execute(args);
  }

  /** The command line with the settings every run shares. */
  static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command line reading its environment variables from {@code environment}, for tests. */
  static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine =
        new CommandLine(new TokenjouleCommand(environment))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setUsageHelpWidth(USAGE_WIDTH)
            .setParameterExceptionHandler(new UsageErrorHandler())
            .setExecutionExceptionHandler(new UnexpectedErrorHandler())
            .setExecutionStrategy(new CommandStrategy(environment));
    commandLine
        .getSubcommands()
        .get("help")
        .getCommandSpec()
        .usageMessage()
        .description("Shows the help of the tokenjoule command, or of COMMAND.");
    CommandList.install(commandLine);
    abbreviateSynopses(commandLine);
    return commandLine;
  }

  /**
   * "Usage: tokenjoule agent [OPTIONS]": a synopsis of every option wraps mid-name at this width,
   * and the options are listed below it anyway.
   */
  private static void abbreviateSynopses(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      abbreviateSynopses(sub);
    }
  }
}
