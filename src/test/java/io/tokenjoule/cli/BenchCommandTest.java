package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.energybench.FakeOpenAiServer;
import io.tokenjoule.energybench.FakeOpenAiServer.Behaviour;
import io.tokenjoule.energybench.TokenPoweredGpus;
import io.tokenjoule.source.nvml.NvmlLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenjoule bench} end to end: a fake OpenAI-compatible server on simulated GPUs whose
 * energy follows the tokens it serves, energy read from its {@code /metrics} as from a remote
 * tokenjoule agent. Covers each exit code of the gate, a sweep and a misbehaving server.
 */
class BenchCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private FakeOpenAiServer server;

  /** 2 GPUs at {@code idleWatts} each; 0.02 J per prompt token, 0.3 J per generated token. */
  private FakeOpenAiServer start(double idleWatts) throws Exception {
    server =
        new FakeOpenAiServer(
            new TokenPoweredGpus(MonotonicClock.SYSTEM, 2, idleWatts, 0.02, 0.3, 0.02),
            MonotonicClock.SYSTEM,
            5,
            5);
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Runs bench with the defaults below; {@code extra} holds option-value pairs that replace them.
   */
  private CommandRun bench(String out, String... extra) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--url", server.baseUrl());
    options.put("--model", "fake-model");
    options.put("--agent", server.metricsUrl());
    options.put("--sample-period", "100ms");
    options.put("--requests", "48");
    options.put("--prompt-tokens", "64");
    options.put("--max-tokens", "20");
    options.put("--timeout", "5s");
    options.put("--out", dir.resolve(out).toString());
    for (int i = 0; i + 1 < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        options.remove(extra[i]);
      } else {
        options.put(extra[i], extra[i + 1]);
      }
    }
    List<String> args = new ArrayList<>(List.of("bench"));
    options.forEach(
        (option, value) -> {
          args.add(option);
          args.add(value);
        });
    return CommandRun.of(args.toArray(String[]::new));
  }

  private JsonNode result(String out) throws IOException {
    return JSON.readTree(dir.resolve(out).resolve("result.json").toFile());
  }

  @Test
  void gatePassesWithinBudgetAndWritesEveryReport() throws Exception {
    start(10);
    CommandRun first = bench("base", "--concurrency", "4");
    assertEquals(0, first.exitCode(), first.err());
    for (String file : List.of("result.json", "summary.md", "chart.png")) {
      assertTrue(Files.size(dir.resolve("base").resolve(file)) > 0, file);
    }
    JsonNode level = result("base").path("levels").get(0);
    assertEquals(4, level.path("concurrency").asInt());
    assertEquals(48, level.path("requests").path("succeeded").asInt());
    assertEquals(48.0 * 20, level.path("whole_run").path("generated_tokens").asDouble(), 1e-9);
    assertEquals("steady_state", level.path("gate").path("window").asText());
    assertTrue(first.out().contains("| 4 | steady |"), first.out());
    // Not a terminal: plain progress lines on stderr.
    assertTrue(first.err().contains("concurrency 4: 48/48 requests (0 failed)"), first.err());

    CommandRun again =
        bench(
            "again",
            "--concurrency",
            "4",
            "--baseline",
            dir.resolve("base/result.json").toString(),
            "--max-regression",
            "5%");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("concurrency 4: ") && again.out().contains(" ok"), again.out());
  }

  @Test
  void gateFailsWithOneOnARegression() throws Exception {
    start(10);
    assertEquals(0, bench("base", "--concurrency", "4").exitCode());
    server.gpus().setJoulesPerGeneratedToken(0.4);
    CommandRun worse =
        bench(
            "worse",
            "--concurrency",
            "4",
            "--baseline",
            dir.resolve("base/result.json").toString());
    assertEquals(1, worse.exitCode(), worse.out() + worse.err());
    assertTrue(worse.err().contains("REGRESSION"), worse.err());
  }

  @Test
  void gateRefusesAnotherWorkloadOrLoadWithTwoBeforeRunning() throws Exception {
    start(10);
    assertEquals(0, bench("base", "--concurrency", "4").exitCode());
    int served = server.arrivals().size();
    String baseline = dir.resolve("base/result.json").toString();

    CommandRun longer =
        bench("longer", "--concurrency", "4", "--baseline", baseline, "--max-tokens", "30");
    assertEquals(2, longer.exitCode());
    assertTrue(longer.err().contains("max_tokens: 30 here, 20 in the baseline"), longer.err());

    CommandRun busier = bench("busier", "--concurrency", "8", "--baseline", baseline);
    assertEquals(2, busier.exitCode());
    assertTrue(busier.err().contains("concurrency 8 is not in the baseline (it has [4])"));

    CommandRun completions =
        bench("other-api", "--concurrency", "4", "--api", "completions", "--baseline", baseline);
    assertEquals(2, completions.exitCode());
    assertTrue(completions.err().contains("api: completions here, chat in the baseline"));
    assertEquals(served, server.arrivals().size(), "refused before sending anything");
  }

  @Test
  void sweepReportsJoulesPerTokenFallingWithConcurrency() throws Exception {
    start(50);
    CommandRun sweep = bench("sweep", "--concurrency", "1,4,8", "--api", "completions");
    assertEquals(0, sweep.exitCode(), sweep.err());
    JsonNode levels = result("sweep").path("levels");
    assertEquals(3, levels.size());
    double[] perToken = new double[3];
    for (int i = 0; i < 3; i++) {
      assertEquals(new int[] {1, 4, 8}[i], levels.get(i).path("concurrency").asInt());
      assertEquals(48, levels.get(i).path("requests").path("succeeded").asInt());
      perToken[i] =
          levels.get(i).path("steady_state").path("joules_per_generated_token").asDouble();
    }
    // Idle power (100 W) is shared by more tokens per second as concurrency rises.
    assertTrue(perToken[0] > perToken[1] && perToken[1] > perToken[2], Arrays.toString(perToken));
    assertTrue(Files.size(dir.resolve("sweep/sweep.png")) > 0);
    assertTrue(sweep.out().contains("| 1 | steady |") && sweep.out().contains("| 8 | steady |"));
  }

  @Test
  void misbehavingServerIsCountedByKindAndFailsTheRunWithTwo() throws Exception {
    start(10);
    // Arrival 0 is the probe request, 1 to 4 the warm-up; then one of each misbehaviour among the
    // 48 measured requests.
    server.script(
        i ->
            switch (i) {
              case 6 -> Behaviour.BAD_JSON;
              case 11 -> Behaviour.STOP_BEFORE_DONE;
              case 16 -> Behaviour.HTTP_500;
              case 21 -> Behaviour.HANG;
              case 26 -> Behaviour.NO_USAGE;
              case 31 -> Behaviour.DROP_CONNECTION;
              default -> Behaviour.SERVE;
            });
    CommandRun run = bench("bad", "--concurrency", "4", "--timeout", "1s");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("6 of 48 requests failed (12.5%)"), run.err());
    JsonNode requests = result("bad").path("levels").get(0).path("requests");
    assertEquals(42, requests.path("succeeded").asInt());
    JsonNode errors = requests.path("errors");
    assertEquals(1, errors.path("malformed_stream").asInt());
    assertEquals(2, errors.path("incomplete_stream").asInt());
    assertEquals(1, errors.path("http_status").asInt());
    assertEquals(1, errors.path("timeout").asInt());
    assertEquals(1, errors.path("no_usage").asInt());
    assertEquals(5, errors.size());
    assertTrue(run.err().contains("http_status, first: HTTP 500"), run.err());
  }

  @Test
  void aFewErrorsWithinTheBudgetStillPass() throws Exception {
    start(10);
    server.script(i -> i == 7 ? Behaviour.HTTP_500 : Behaviour.SERVE);
    CommandRun run = bench("one-bad", "--concurrency", "4", "--max-error-rate", "5%");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        1,
        result("one-bad")
            .path("levels")
            .get(0)
            .path("requests")
            .path("errors")
            .path("http_status")
            .asInt());
  }

  @Test
  void connectionRefusedFailsWithTwoAndSaysSo() throws Exception {
    start(10);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandRun run =
        CommandRun.of(
            "bench",
            "--url",
            "http://127.0.0.1:" + closedPort + "/v1",
            "--model",
            "m",
            "--agent",
            server.metricsUrl(),
            "--requests",
            "4");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("the first request failed, so nothing was measured: connection"),
        run.err());
  }

  @Test
  void withoutAnEnergySourceItFailsWithTwo() throws Exception {
    assumeTrue(NvmlLoader.unavailableReason().isPresent(), "NVML is present here");
    start(10);
    CommandRun run =
        CommandRun.of("bench", "--url", server.baseUrl(), "--model", "m", "--requests", "4");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("no energy source: NVML is not available here"), run.err());
    assertEquals(0, server.arrivals().size(), "nothing sent without energy");
  }

  @Test
  void datasetPromptsWithTheirOwnMaxTokensAreSentAndIdentifyTheWorkload() throws Exception {
    start(10);
    Path dataset =
        Files.writeString(
            dir.resolve("prompts.jsonl"),
            "{\"prompt\": \"one two three\", \"max_tokens\": 10}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"four five\"}]}\n");
    CommandRun run =
        bench(
            "data",
            "--prompt-tokens",
            null,
            "--dataset",
            dataset.toString(),
            "--requests",
            "20",
            "--concurrency",
            "2",
            "--warmup",
            "0");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1 + 20, server.arrivals().size(), "the probe, no warm-up, then the 20 requests");
    JsonNode result = result("data");
    assertEquals(64, result.path("workload").path("dataset_sha256").asText().length());
    assertTrue(result.path("workload").path("prompt_tokens").isNull());
    JsonNode whole = result.path("levels").get(0).path("whole_run");
    // 10 requests of 3 prompt words and 10 generated tokens, 10 of 2 words and the default 20.
    assertEquals(10 * 3 + 10 * 2, whole.path("prompt_tokens").asDouble(), 1e-9);
    assertEquals(10 * 10 + 10 * 20, whole.path("generated_tokens").asDouble(), 1e-9);
  }

  @Test
  void helpListsTheExitCodesAndPercentDefaults() {
    CommandRun help = CommandRun.of("bench", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("1 energy regression, 2 failed run"), help.out());
    assertTrue(help.out().contains("(default: 5%)."), help.out());
  }

  @Test
  void badFlagsAreUsageErrors() throws Exception {
    start(10);
    assertEquals(2, bench("x", "--concurrency", "0").exitCode());
    assertTrue(
        bench("x", "--api", "embeddings").err().contains("--api must be chat or completions"));
    assertTrue(
        bench("x", "--max-regression", "5%").err().contains("--max-regression needs --baseline"));
    Path dataset = Files.writeString(dir.resolve("d.jsonl"), "{\"prompt\": \"hi\"}\n");
    assertTrue(
        bench("x", "--dataset", dataset.toString(), "--prompt-tokens", "64")
            .err()
            .contains("--prompt-tokens and --dataset exclude each other"));
  }
}
