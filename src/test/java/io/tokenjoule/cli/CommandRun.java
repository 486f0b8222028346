package io.tokenjoule.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the command line, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun of(String... args) {
    return withEnvironment(Map.of(), args);
  }

  /** A run whose environment variables are {@code environment} alone. */
  static CommandRun withEnvironment(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(environment)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  /** What was printed on standard error, line by line. */
  java.util.List<String> errLines() {
    return err.strip().lines().toList();
  }
}
