package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.scrape.discovery.DiscoveryResult;
import io.tokenjoule.scrape.discovery.DroppedCandidate;
import io.tokenjoule.scrape.discovery.DroppedCandidate.Reason;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverCommandTest {

  private static final DiscoveryResult RESULT =
      new DiscoveryResult(
          List.of(
              new DiscoveredServer(
                  "vllm-8000",
                  URI.create("http://127.0.0.1:8000/metrics"),
                  "vllm",
                  List.of("meta-llama/Llama-3.1-70B"),
                  List.of(new DiscoveredGpu(0, "GPU-a"), new DiscoveredGpu(1, "GPU-b")),
                  200,
                  List.of(211, 212))),
          List.of(
              new DroppedCandidate(
                  Reason.PERMISSION_DENIED,
                  "GPU [2] pids [700] under pid 700 (python3)",
                  "cannot read /proc/700/fd: owned by user vllm")));

  @Test
  void printsServersAndEveryDroppedCandidateWithItsReason() {
    assertEquals(
        "servers found: 1\n"
            + "  vllm-8000  vllm  http://127.0.0.1:8000/metrics  gpus [0 (GPU-a), 1 (GPU-b)]"
            + "  pid 200, gpu pids [211, 212]  models meta-llama/Llama-3.1-70B\n"
            + "candidates dropped: 1\n"
            + "  permission_denied  GPU [2] pids [700] under pid 700 (python3):"
            + " cannot read /proc/700/fd: owned by user vllm\n",
        DiscoverCommand.toText(RESULT));
  }

  @Test
  void printsJson() throws Exception {
    assertEquals(
        "{\"servers\":[{\"name\":\"vllm-8000\",\"url\":\"http://127.0.0.1:8000/metrics\","
            + "\"engine\":\"vllm\",\"models\":[\"meta-llama/Llama-3.1-70B\"],"
            + "\"gpus\":[{\"index\":0,\"uuid\":\"GPU-a\"},{\"index\":1,\"uuid\":\"GPU-b\"}],"
            + "\"listener_pid\":200,\"gpu_pids\":[211,212]}],"
            + "\"dropped\":[{\"reason\":\"permission_denied\","
            + "\"subject\":\"GPU [2] pids [700] under pid 700 (python3)\","
            + "\"detail\":\"cannot read /proc/700/fd: owned by user vllm\"}]}",
        DiscoverCommand.toJson(RESULT));
  }

  @Test
  void withoutNvmlItExitsOneAndSaysWhy() {
    CommandRun run = CommandRun.of("discover", "--nvml.library", "/nonexistent/libnvidia-ml.so.1");

    assertEquals(DiscoverCommand.EXIT_NO_GPU_PROCESSES, run.exitCode());
    assertTrue(
        run.err().startsWith("tokenjoule discover: cannot list the GPUs' processes: "), run.err());
    assertTrue(run.err().contains("/nonexistent/libnvidia-ml.so.1"), run.err());
  }

  @Test
  void aBadTimeoutIsAUsageError() {
    CommandRun run = CommandRun.of("discover", "--timeout", "fast");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--timeout"), run.err());
  }

  @Test
  void theAgentsCheckSaysWhetherDiscoveryRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auto.yaml");
    Files.writeString(file, "discovery:\n  mode: auto\n  interval: 2m\n");

    CommandRun auto = CommandRun.of("agent", "--check", "--config", file.toString());
    CommandRun example = CommandRun.of("agent", "--check", "--config", "agent/tokenjoule.yaml");

    assertEquals(0, auto.exitCode(), auto.err());
    assertTrue(auto.out().contains("  discovery: auto, every 2m\n"), auto.out());
    assertTrue(example.out().contains("  discovery: off\n"), example.out());
  }
}
