package io.tokenjoule.cli;

import picocli.CommandLine.Command;
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
      BenchCommand.class
    })
public final class TokenjouleCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: use agent, demo, probe, discover, calc, baseline or bench (see --help)");
  }
}
