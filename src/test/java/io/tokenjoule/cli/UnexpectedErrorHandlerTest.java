package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** An exception no command expected is one line naming the command, not a stack trace. */
class UnexpectedErrorHandlerTest {

  @Command(name = "broken")
  static final class Broken implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("the simulator ran out of GPUs");
    }
  }

  @Test
  void anUnexpectedExceptionIsOneLineAndExit1() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new Broken())
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(new UnexpectedErrorHandler())
            .execute();
    assertEquals(UnexpectedErrorHandler.EXIT_UNEXPECTED, exit);
    assertEquals(
        "broken: unexpected error: IllegalStateException: the simulator ran out of GPUs"
            + " (--log.level debug or TOKENJOULE_LOG_LEVEL=debug logs the stack trace)",
        err.toString().strip());
  }
}
