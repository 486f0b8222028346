package io.tokenjoule.cli;

import picocli.CommandLine;

/** Entry point of {@code tokenjoule.jar}. */
public final class Main {

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
    return new CommandLine(new TokenjouleCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
