package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.logging.LogFormat;
import io.tokenjoule.logging.LogLevel;
import io.tokenjoule.logging.LogSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class LoggingOptionsTest {

  @AfterEach
  void restore() {
    LogSetup.apply(LogLevel.INFO, LogFormat.LOGFMT);
  }

  @Test
  void agentAndDemoListTheLogFlags() {
    for (String command : new String[] {"agent", "demo"}) {
      // As Main runs it: demo's --sim.role default needs case-insensitive enums.
      StringWriter out = new StringWriter();
      int exit =
          new CommandLine(new TokenjouleCommand())
              .setCaseInsensitiveEnumValuesAllowed(true)
              .setOut(new PrintWriter(out, true))
              .execute(command, "--help");
      assertEquals(0, exit, command);
      String help = out.toString();
      assertTrue(help.contains("--log.level=LEVEL"), help);
      assertTrue(help.contains("--log.format=FORMAT"), help);
      assertTrue(help.contains("Log line format on stderr: logfmt or json"), help);
    }
  }

  @Test
  void theFlagsAreAppliedWhenTheCommandStarts() {
    CommandRun run = CommandRun.of("agent", "--log.level", "DEBUG", "--log.format=json", "--check");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(LoggerFactory.getLogger(AgentCommand.class).isDebugEnabled());

    run = CommandRun.of("agent", "--log.level=error", "--check");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(false, LoggerFactory.getLogger(AgentCommand.class).isWarnEnabled());
  }

  @Test
  void theEnvironmentsLevelIsTheEffectiveOneUnlessTheFlagIsGiven() {
    Map<String, String> warn = Map.of("TOKENJOULE_LOG_LEVEL", "warn");
    CommandRun run = CommandRun.withEnvironment(warn, "agent", "--check");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(LoggerFactory.getLogger(AgentCommand.class).isWarnEnabled());
    assertFalse(LoggerFactory.getLogger(AgentCommand.class).isInfoEnabled());

    run = CommandRun.withEnvironment(warn, "agent", "--log.level", "debug", "--check");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(LoggerFactory.getLogger(AgentCommand.class).isDebugEnabled());

    // A command without the flag logs at the variable's level too.
    run = CommandRun.withEnvironment(Map.of("TOKENJOULE_LOG_LEVEL", "ERROR"), "version");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(LoggerFactory.getLogger(AgentCommand.class).isWarnEnabled());

    // An invalid variable does not matter when the flag replaces it.
    run =
        CommandRun.withEnvironment(
            Map.of("TOKENJOULE_LOG_LEVEL", "loud"), "agent", "--log.level", "info", "--check");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void badValuesAreRefusedWithTheAcceptedOnes() {
    CommandRun level = CommandRun.of("agent", "--log.level", "loud", "--check");
    assertEquals(2, level.exitCode());
    assertTrue(
        level
            .err()
            .startsWith(
                "Invalid value for option '--log.level': 'loud' is not a log level; expected"
                    + " debug, info, warn or error"),
        level.err());

    CommandRun format = CommandRun.of("agent", "--log.format", "xml", "--check");
    assertEquals(2, format.exitCode());
    assertTrue(
        format
            .err()
            .startsWith(
                "Invalid value for option '--log.format': 'xml' is not a log format; expected"
                    + " logfmt or json"),
        format.err());
  }
}
