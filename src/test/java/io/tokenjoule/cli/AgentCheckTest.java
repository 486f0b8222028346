package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.nvml.NvmlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenjoule agent --check}: a summary and exit 0 for a valid file, exit 2 otherwise. */
class AgentCheckTest {

  @Test
  void theExampleConfigIsValidAndSummarised() {
    CommandRun run = CommandRun.of("agent", "--check", "--config", "agent/tokenjoule.yaml");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("configuration: agent/tokenjoule.yaml is valid\n"), run.out());
    assertTrue(run.out().contains("  listen:    :9847\n"), run.out());
    assertTrue(run.out().contains("  tick:      1s, window 1m\n"), run.out());
    assertTrue(run.out().contains("  servers:   1\n"), run.out());
    assertTrue(
        run.out().contains("    llama-70b (vllm) http://127.0.0.1:8000/metrics\n"), run.out());
    assertTrue(run.out().contains("  state_dir: /var/lib/tokenjoule\n"), run.out());
    assertTrue(run.out().contains("\nNVML: "), run.out());
  }

  @Test
  void aConfiguredModelIsSummarised(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("tokenjoule.yaml");
    Files.writeString(
        config,
        """
        servers:
          - name: router-qwen
            url: http://127.0.0.1:8081/metrics?model=qwen
            engine: llamacpp
            model: qwen
            gpus: [0]
        """);
    CommandRun run = CommandRun.of("agent", "--check", "--config", config.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "    router-qwen (llamacpp, model qwen) http://127.0.0.1:8081/metrics?model=qwen\n"),
        run.out());
  }

  @Test
  void withoutNvmlTheCheckSaysSoAndStillPasses() {
    // This machine has no NVML in CI; on a GPU host the GPUs are listed instead.
    if (NvmlLoader.unavailableReason().isEmpty()) {
      return;
    }
    CommandRun run = CommandRun.of("agent", "--check");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("configuration: defaults and flags is valid\n"), run.out());
    assertTrue(run.out().contains("NVML: not available here ("), run.out());
    assertTrue(run.out().endsWith("; GPUs not checked\n"), run.out());
  }

  @Test
  void anInvalidConfigExitsTwoWithTheAgentsMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "tick: 5ms\n");
    CommandRun run = CommandRun.of("agent", "--check", "--config", file.toString());
    assertEquals(AgentCommand.EXIT_BAD_CONFIG, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("tokenjoule: invalid configuration:\n"), run.err());
    assertTrue(run.err().contains("tick"), run.err());
  }

  @Test
  void flagsAreValidatedToo() {
    CommandRun run = CommandRun.of("agent", "--check", "--window", "banana");
    assertEquals(AgentCommand.EXIT_BAD_CONFIG, run.exitCode());
    assertTrue(run.err().contains("--window"), run.err());
  }
}
