package io.tokenjoule.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error prints what was wrong and where to find help, not the whole usage: the usage of a
 * command with many options buries the one line that matters.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String unknownCommand = unknownCommand(e);
    if (unknownCommand != null) {
      err.println(unknownCommand);
    } else {
      err.println(e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, err);
    }
    err.println("Try '" + helpFor(commandLine.getCommandSpec()) + " --help' for more information.");
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * "Unknown command" for a first word that names no subcommand of a command that has some; null
   * for any other error.
   */
  static String unknownCommand(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched)) {
      return null;
    }
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    List<String> words = unmatched.getUnmatched();
    if (spec.subcommands().isEmpty() || words.isEmpty() || words.get(0).startsWith("-")) {
      return null;
    }
    return "Unknown command '"
        + words.get(0)
        + "' for '"
        + spec.qualifiedName()
        + "'; commands: "
        + String.join(", ", CommandList.visibleNames(spec));
  }

  /** The command whose help explains the error: the command itself, or for {@code help X}, X's. */
  private static String helpFor(CommandSpec spec) {
    return spec.helpCommand() && spec.parent() != null
        ? spec.parent().qualifiedName()
        : spec.qualifiedName();
  }
}
