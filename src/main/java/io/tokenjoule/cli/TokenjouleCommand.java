package io.tokenjoule.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: a subcommand is required. */
@Command(
    name = "tokenjoule",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Joules per token for AI inference: GPU energy joined with inference-server token counters.",
    subcommands = {
      AgentCommand.class,
      DemoCommand.class,
      ProbeCommand.class,
      DiscoverCommand.class,
      CalcCommand.class,
      BaselineCommand.class,
      BenchCommand.class,
      ProxyCommand.class,
      HelpCommand.class,
      VersionCommand.class
    })
public final class TokenjouleCommand implements Runnable {

  private final Map<String, String> environment;

  @Spec CommandSpec spec;

  /** The command reading the process's environment variables. */
  public TokenjouleCommand() {
    this(System.getenv());
  }

  TokenjouleCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment variables the commands read ({@code TOKENJOULE_LOG_LEVEL}). */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: use agent, demo, probe, discover, calc, baseline, bench or proxy (see"
            + " tokenjoule help)");
  }
}
