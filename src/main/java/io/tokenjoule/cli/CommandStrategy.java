package io.tokenjoule.cli;

import io.tokenjoule.logging.LogFormat;
import io.tokenjoule.logging.LogLevel;
import io.tokenjoule.logging.LogSetup;
import java.util.Map;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs the last command given, as picocli does, after two checks picocli skips when help is asked
 * for: an unknown word is an error even beside {@code --help}, so a mistyped command never prints
 * some other command's help and exits 0. Sets up logging at {@code TOKENJOULE_LOG_LEVEL} for every
 * command; {@code --log.level} replaces it where a command has the flag.
 */
final class CommandStrategy implements IExecutionStrategy {

  private final Map<String, String> environment;

  CommandStrategy(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public int execute(ParseResult parseResult) {
    boolean helpAsked = false;
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
      helpAsked |= level.isUsageHelpRequested() || level.isVersionHelpRequested();
    }
    if (!helpAsked) {
      LogSetup.apply(environmentLevel(parseResult), LogFormat.LOGFMT);
    }
    return new RunLast().execute(parseResult);
  }

  /** The environment's level; a bad one is an error unless {@code --log.level} overrides it. */
  private LogLevel environmentLevel(ParseResult parseResult) {
    ParseResult last = parseResult;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    try {
      return EnvironmentLogLevel.of(environment);
    } catch (IllegalArgumentException e) {
      if (last.hasMatchedOption("--log.level")) {
        return LogLevel.INFO;
      }
      throw new ParameterException(last.commandSpec().commandLine(), e.getMessage());
    }
  }
}
