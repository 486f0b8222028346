package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The command line's rough edges: usage errors, help, and the messages of bad input. */
class CommandLineUsageTest {

  private static final String V1_TEXT = "src/test/resources/fixtures/vllm/v1-dp2-text.txt";

  private static void assertUsageError(CommandRun run, String command, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(
        List.of(message, "Try '" + command + " --help' for more information."),
        run.errLines(),
        run.err());
  }

  @Test
  void aUsageErrorPrintsTheWrongLineAndWhereToGetHelp() {
    assertUsageError(
        CommandRun.of("demo", "--bogus"), "tokenjoule demo", "Unknown option: '--bogus'");
  }

  @Test
  void calcRefusesUnknownFlags() {
    assertUsageError(
        CommandRun.of("calc", "--power", "700", "--throughput", "2000", "--colour", "red"),
        "tokenjoule calc",
        "Unknown options: '--colour', 'red'");
  }

  @Test
  void demoHoldsTickAndWindowToTheConfigurationsLimits() {
    assertUsageError(
        CommandRun.of("demo", "--tick", "0s"),
        "tokenjoule demo",
        "--tick must be between 100ms and 1m, got 0s");
    assertUsageError(
        CommandRun.of("demo", "--tick", "5s", "--window", "6s"),
        "tokenjoule demo",
        "--window must be at least 2 x tick (10s), got 6s");
    assertUsageError(
        CommandRun.of("demo", "--duration", "0s"),
        "tokenjoule demo",
        "--duration must be more than 0s");
  }

  @Test
  void demoRefusesASimulatedPortOutOfRange() {
    for (String port : new String[] {"0", "70000", "65535"}) {
      assertUsageError(
          CommandRun.of("demo", "--sim.port", port),
          "tokenjoule demo",
          "--sim.port must be between 1 and 65534 for 2 simulated servers (one port each), got "
              + port);
    }
    assertUsageError(
        CommandRun.of("demo", "--sim.port", "65530", "--sim.gpus", "8", "--sim.servers", "8"),
        "tokenjoule demo",
        "--sim.port must be between 1 and 65528 for 8 simulated servers (one port each), got"
            + " 65530");
  }

  @Test
  void probeOfAUrlWithoutAPathReadsMetrics() throws IOException {
    byte[] page = Files.readAllBytes(Path.of(V1_TEXT));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
          exchange.sendResponseHeaders(metrics ? 200 : 404, metrics ? page.length : -1);
          try (OutputStream body = exchange.getResponseBody()) {
            if (metrics) {
              body.write(page);
            }
          }
        });
    server.start();
    try {
      CommandRun run = CommandRun.of("probe", "http://127.0.0.1:" + server.getAddress().getPort());
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().startsWith("engine:  vllm"), run.out());
      assertEquals("", run.err());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMalformedUrlIsNamedWithItsOption() {
    assertUsageError(
        CommandRun.of("probe", "http://exa mple.com/metrics"),
        "tokenjoule probe",
        "URL: 'http://exa mple.com/metrics' is not a valid URL: illegal character in authority");
    assertUsageError(
        CommandRun.of("probe", "http://:8000/metrics"),
        "tokenjoule probe",
        "URL: 'http://:8000/metrics' is not a valid URL: no host name");
    assertUsageError(
        CommandRun.of("calc", "--from-prometheus", "localhost:9090", "--server", "a"),
        "tokenjoule calc",
        "--from-prometheus: 'localhost:9090' is not a valid URL: expected http:// or https://");
    assertUsageError(
        CommandRun.of("calc", "--from-prometheus", "http://prom:99999", "--server", "a"),
        "tokenjoule calc",
        "--from-prometheus: 'http://prom:99999' is not a valid URL: the port must be between 1"
            + " and 65535");
  }

  @Test
  void anUnknownCommandIsAnErrorEvenWithHelp() {
    for (String[] args : new String[][] {{"nosuch", "--help"}, {"nosuch"}}) {
      CommandRun run = CommandRun.of(args);
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(
          run.err().startsWith("Unknown command 'nosuch' for 'tokenjoule'; commands: agent,"),
          run.err());
      assertEquals("", run.out());
    }
  }

  @Test
  void helpAndVersionAreCommands() {
    CommandRun help = CommandRun.of("help", "demo");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: tokenjoule demo"), help.out());

    CommandRun top = CommandRun.of("help");
    assertEquals(0, top.exitCode(), top.err());
    assertTrue(top.out().startsWith("Usage: tokenjoule "), top.out());

    assertUsageError(CommandRun.of("help", "nosuch"), "tokenjoule", "Unknown subcommand 'nosuch'.");

    CommandRun version = CommandRun.of("version");
    assertEquals(0, version.exitCode(), version.err());
    assertEquals(CommandRun.of("--version").out(), version.out());
    assertTrue(version.out().startsWith("tokenjoule "), version.out());
  }

  @Test
  void theCommandListShowsWholeSentencesWithinTheWidth() {
    CommandRun run = CommandRun.of("--help");
    assertEquals(0, run.exitCode(), run.err());
    String help = run.out().replaceAll("\\s+", " ");
    assertTrue(
        help.contains(
            "agent Runs the agent: GPU energy from NVML joined with the configured inference"
                + " servers' token counters, served on /metrics."),
        run.out());
    assertTrue(help.contains("TTFT/ITL/E2E percentiles. proxy "), run.out());
    for (String line : run.out().lines().toList()) {
      assertTrue(line.length() <= Main.USAGE_WIDTH, line);
    }
  }

  @Test
  void everyOptionAndParameterOfEveryCommandIsDescribed() {
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(Main.commandLine(), undescribed);
    assertEquals(List.of(), undescribed);
  }

  private static void collectUndescribed(CommandLine commandLine, List<String> undescribed) {
    CommandSpec spec = commandLine.getCommandSpec();
    if (spec.usageMessage().description().length == 0) {
      undescribed.add(spec.qualifiedName());
    }
    for (OptionSpec option : spec.options()) {
      if (option.description().length == 0 || option.description()[0].isBlank()) {
        undescribed.add(spec.qualifiedName() + " " + option.longestName());
      }
      if (option.arity().max() > 0 && option.paramLabel().startsWith("<")) {
        undescribed.add(spec.qualifiedName() + " " + option.longestName() + " label");
      }
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (parameter.description().length == 0) {
        undescribed.add(spec.qualifiedName() + " " + parameter.paramLabel());
      }
    }
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      if (sub.getParent() == commandLine) {
        collectUndescribed(sub, undescribed);
      }
    }
  }

  @Test
  void anInvalidLogLevelInTheEnvironmentIsNamedAsTheVariable() {
    assertUsageError(
        CommandRun.withEnvironment(Map.of("TOKENJOULE_LOG_LEVEL", "loud"), "agent", "--check"),
        "tokenjoule agent",
        "environment variable TOKENJOULE_LOG_LEVEL: 'loud' is not a log level; expected debug,"
            + " info, warn or error");
    assertUsageError(
        CommandRun.withEnvironment(Map.of("TOKENJOULE_LOG_LEVEL", "WARNING"), "probe", V1_TEXT),
        "tokenjoule probe",
        "environment variable TOKENJOULE_LOG_LEVEL: 'WARNING' is not a log level; expected debug,"
            + " info, warn or error");
  }

  @Test
  void baselineShowOfAMissingDirectoryFailsNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-state");
    CommandRun run = CommandRun.of("baseline", "show", "--state-dir", missing.toString());
    assertEquals(BaselineCommand.EXIT_FAILED, run.exitCode());
    assertEquals(
        "tokenjoule baseline show: no state directory "
            + missing
            + " (it does not exist); give --state-dir, the agent's state_dir",
        run.err().strip());
    assertEquals("", run.out());
  }

  @Test
  void checkSaysWhatCarbonWithoutEconomicsExports(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("carbon-only.yaml");
    Files.writeString(config, "carbon:\n  grams_per_kwh: 350\n");
    CommandRun run = CommandRun.of("agent", "--check", "--config", config.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "  carbon:    configured, but only the grid intensity is exported: carbon per"
                    + " token and tokenjoule_server_carbon_grams_total need an economics section"
                    + " too (warning)\n"),
        run.out());
    assertTrue(run.out().contains("  economics: none (no cost, carbon or water figures)\n"));
    assertFalse(run.out().contains("carbon:    configured\n"), run.out());
  }
}
