package io.tokenjoule.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * An exception no command expected: one line naming the command and the error, exit 1; the stack
 * trace only in the debug log, for a bug report.
 */
final class UnexpectedErrorHandler implements IExecutionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

  static final int EXIT_UNEXPECTED = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    LOG.debug("unexpected error", e);
    PrintWriter err = commandLine.getErr();
    err.println(
        commandLine.getCommandSpec().qualifiedName()
            + ": unexpected error: "
            + describe(e)
            + " (--log.level debug or TOKENJOULE_LOG_LEVEL=debug logs the stack trace)");
    err.flush();
    return EXIT_UNEXPECTED;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}
