package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.demo.DemoPlan;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

  private static final String V1_TEXT = "src/test/resources/fixtures/vllm/v1-dp2-text.txt";

  @Test
  void everyCommandHasVersionAndHelp() {
    for (String command : new String[] {"", "agent", "demo", "probe"}) {
      String[] version =
          command.isEmpty() ? new String[] {"--version"} : new String[] {command, "--version"};
      CommandRun run = CommandRun.of(version);
      assertEquals(0, run.exitCode(), command);
      assertTrue(run.out().startsWith("tokenjoule "), run.out());
      String[] help =
          command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
      CommandRun helpRun = CommandRun.of(help);
      assertEquals(0, helpRun.exitCode(), command);
      assertTrue(helpRun.out().contains("Usage: tokenjoule"), helpRun.out());
    }
    assertTrue(CommandRun.of("--help").out().contains("probe"));
  }

  @Test
  void noCommandIsAUsageError() {
    CommandRun run = CommandRun.of();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Missing command"), run.err());
  }

  @Test
  void probeShowsEngineModelsAndCounters() {
    CommandRun run = CommandRun.of("probe", V1_TEXT);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("engine:  vllm  (found vllm:"), run.out());
    assertTrue(run.out().contains("meta-llama/Llama-3.1-8B-Instruct"), run.out());
    assertTrue(
        run.out().contains("prompt_tokens 2222221  generated_tokens 4222221  requests 8540"),
        run.out());
  }

  @Test
  void probeJsonHasTheDocumentedKeys() throws Exception {
    CommandRun run = CommandRun.of("probe", "--json", V1_TEXT);
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("vllm", json.get("engine").asText());
    assertEquals(0, json.get("unparsed_lines").asInt());
    JsonNode model = json.get("models").get(0);
    assertEquals("meta-llama/Llama-3.1-8B-Instruct", model.get("model").asText());
    assertEquals(2_222_221, model.get("prompt_tokens").asDouble());
    assertEquals(4_222_221, model.get("generated_tokens").asDouble());
    assertEquals(8540, model.get("requests").asDouble());
  }

  @Test
  void probeOfAnUnknownPageOrMissingFileSaysSo() {
    CommandRun html =
        CommandRun.of("probe", "src/test/resources/fixtures/vllm/garbage-html-502.html");
    assertEquals(ProbeCommand.EXIT_UNRECOGNISED, html.exitCode());
    assertTrue(html.out().startsWith("engine:  unknown"), html.out());
    CommandRun missing = CommandRun.of("probe", "no/such/page.txt");
    assertEquals(ProbeCommand.EXIT_UNREADABLE, missing.exitCode());
    assertTrue(missing.err().contains("no/such/page.txt"), missing.err());
  }

  @Test
  void agentWithABadConfigNamesTheLineAndExits2(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("tokenjoule.yaml");
    Files.writeString(config, "tick: 1s\nwindw: 60s\n");
    CommandRun run = CommandRun.of("agent", "--config", config.toString());
    assertEquals(AgentCommand.EXIT_BAD_CONFIG, run.exitCode());
    assertTrue(run.err().contains("tokenjoule.yaml:2:1"), run.err());
    assertTrue(run.err().contains("unknown key 'windw'"), run.err());
  }

  @Test
  void demoRolesAreReadInAnyCaseAndAnUnknownOneIsNamed() {
    assertEquals(DemoPlan.Role.SERVERS, new DemoCommand.RoleConverter().convert("Servers"));
    CommandRun run = CommandRun.of("demo", "--sim.role", "client");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .startsWith(
                "Invalid value for option '--sim.role': 'client' is not a role; expected both,"
                    + " servers or agent"),
        run.err());
  }

  @Test
  void demoOnATakenPortSaysSoInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket free = new ServerSocket(0)) {
      int simPort = free.getLocalPort();
      free.close();
      CommandRun run =
          CommandRun.of(
              "demo",
              "--web.listen-address",
              "127.0.0.1:" + taken.getLocalPort(),
              "--sim.port",
              Integer.toString(simPort),
              "--duration",
              "1s");
      assertEquals(AgentCommand.EXIT_CANNOT_LISTEN, run.exitCode(), run.err());
      assertEquals(
          "tokenjoule demo: cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + ": Address already in use",
          run.err().strip());
    }
  }

  @Test
  void agentWithoutNvmlSaysSoInOneLine() {
    CommandRun run = CommandRun.of("agent", "--nvml.library", "/nonexistent/libnvidia-ml.so.1");
    assertEquals(AgentCommand.EXIT_NO_NVML, run.exitCode());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("tokenjoule demo"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }
}
