package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    return start(idleWatts, 0.02);
  }

  /** As {@link #start(double)}, the counters moving every {@code publishSeconds}. */
  private FakeOpenAiServer start(double idleWatts, double publishSeconds) throws Exception {
    server =
        new FakeOpenAiServer(
            new TokenPoweredGpus(MonotonicClock.SYSTEM, 2, idleWatts, 0.02, 0.3, publishSeconds),
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
   * Runs bench with the defaults below; {@code extra} holds option-value pairs that replace them (a
   * null value removes the option, an empty one makes it a flag).
   */
  private CommandRun bench(String out, String... extra) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--url", server.baseUrl());
    options.put("--model", "fake-model");
    options.put("--agent", server.metricsUrl());
    options.put("--sample-period", "20ms");
    options.put("--requests", "96");
    options.put("--prompt-tokens", "64");
    options.put("--max-tokens", "40");
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
          if (!value.isEmpty()) {
            args.add(value);
          }
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
    assertEquals(96, level.path("requests").path("succeeded").asInt());
    JsonNode whole = level.path("whole_run");
    assertTrue(whole.path("generated_tokens").isIntegralNumber(), "whole tokens");
    assertEquals(96 * 40, whole.path("generated_tokens").asLong());
    double uncertainty = whole.path("energy_uncertainty_ratio").asDouble();
    assertTrue(uncertainty > 0 && uncertainty < 0.05, "uncertainty " + uncertainty);
    System.out.printf(
        "bench command: whole run %.3f s, %.1f J +/- %.2f J (%.2f%%)%n",
        whole.path("duration_seconds").asDouble(),
        whole.path("energy_joules").asDouble(),
        whole.path("energy_uncertainty_joules").asDouble(),
        100 * uncertainty);
    assertEquals("steady_state", level.path("gate").path("window").asText());
    assertTrue(first.out().contains("| 4 | steady |"), first.out());
    // Not a terminal: plain progress lines on stderr.
    assertTrue(first.err().contains("concurrency 4: 96/96 requests (0 failed)"), first.err());

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
    assertTrue(longer.err().contains("max_tokens: 30 here, 40 in the baseline"), longer.err());

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
      assertEquals(96, levels.get(i).path("requests").path("succeeded").asInt());
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
    CommandRun run = bench("bad", "--concurrency", "4", "--timeout", "1s", "--requests", "48");
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
            "40",
            "--concurrency",
            "2",
            "--warmup",
            "0");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1 + 40, server.arrivals().size(), "the probe, no warm-up, then the 40 requests");
    JsonNode result = result("data");
    assertEquals(64, result.path("workload").path("dataset_sha256").asText().length());
    assertTrue(result.path("workload").path("prompt_tokens").isNull());
    JsonNode whole = result.path("levels").get(0).path("whole_run");
    // 20 requests of 3 prompt words and 10 generated tokens, 20 of 2 words and the default 40;
    // each prompt has its distinct prefix, one word more.
    assertEquals(20 * 4 + 20 * 3, whole.path("prompt_tokens").asLong());
    assertEquals(20 * 10 + 20 * 40, whole.path("generated_tokens").asLong());
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

  @Test
  void aServerThatClosesAfterEveryStreamLosesNothingAndTheTotalsEqualItsCounters()
      throws Exception {
    start(10).closeAfterEachResponse();
    CommandRun run = bench("closing", "--concurrency", "1,4");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("every request now opens its own connection"), run.err());
    JsonNode result = result("closing");
    JsonNode totals = result.path("totals");
    assertEquals(0, totals.path("failed").asInt());
    assertEquals(1 + 4 + 2 * 96, totals.path("requests").asInt());
    assertEquals(server.requestsTotal(), totals.path("requests").asLong());
    assertEquals(server.promptTokensTotal(), totals.path("prompt_tokens").asLong());
    assertEquals(server.generatedTokensTotal(), totals.path("generated_tokens").asLong());
    JsonNode requests = result.path("requests");
    assertEquals(totals.path("requests").asInt(), requests.size());
    Map<String, Integer> phases = new LinkedHashMap<>();
    long generated = 0;
    for (JsonNode request : requests) {
      phases.merge(request.path("phase").asText(), 1, Integer::sum);
      assertTrue(request.path("generated_tokens").isIntegralNumber());
      generated += request.path("generated_tokens").asLong();
    }
    assertEquals(Map.of("probe", 1, "warm_up", 4, "measured", 192), phases);
    assertEquals(server.generatedTokensTotal(), generated);
    System.out.printf(
        "closes after every stream (CLI): %d requests, %d failed, %d prompt and %d generated"
            + " tokens, server counted %d and %d%n",
        totals.path("requests").asInt(),
        totals.path("failed").asInt(),
        totals.path("prompt_tokens").asLong(),
        totals.path("generated_tokens").asLong(),
        server.promptTokensTotal(),
        server.generatedTokensTotal());
  }

  @Test
  void aRunTooShortForTheAgentsTickFailsWithTwoAndSaysHowLongItMustBe() throws Exception {
    // The agent's counter moves once a second; the run lasts well under one.
    start(10, 1.0);
    CommandRun run =
        bench(
            "short",
            "--concurrency",
            "4",
            "--requests",
            "8",
            "--sample-period",
            null,
            "--warmup",
            "0");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("too short to measure"), run.err());
    assertTrue(run.err().contains("the window must last at least"), run.err());
    JsonNode result = result("short");
    assertFalse(result.path("valid").asBoolean(true));
    assertTrue(result.path("problems").size() > 0);
    JsonNode whole = result.path("levels").get(0).path("whole_run");
    assertTrue(
        whole.path("energy_uncertainty_ratio").isNull()
            || whole.path("energy_uncertainty_ratio").asDouble() > 0.1,
        whole.toString());
    assertTrue(run.out().contains("INVALID"), run.out());
  }

  @Test
  void theGateNeverSaysOkOnAnInvalidOrTooUncertainResult() throws Exception {
    start(10);
    assertEquals(0, bench("base", "--concurrency", "4").exitCode());
    String baseline = dir.resolve("base/result.json").toString();

    CommandRun tooShort =
        bench("short", "--concurrency", "4", "--requests", "6", "--baseline", baseline);
    assertEquals(2, tooShort.exitCode(), tooShort.err());
    assertFalse(tooShort.out().contains(" ok"), tooShort.out());
    assertFalse(tooShort.err().contains(" ok"), tooShort.err());
    assertTrue(tooShort.err().contains("the result is invalid"), tooShort.err());

    CommandRun strict =
        bench("strict", "--concurrency", "4", "--baseline", baseline, "--max-regression", "0.1%");
    assertEquals(2, strict.exitCode(), strict.out() + strict.err());
    assertFalse(strict.out().contains(" ok"), strict.out());
    assertTrue(strict.err().contains("more than the allowed regression"), strict.err());
  }

  @Test
  void promptsAreDistinctPerRequestUnlessThePrefixCacheIsAllowed() throws Exception {
    start(10);
    CommandRun seeded = bench("seeded", "--concurrency", "2", "--seed", "11");
    assertEquals(0, seeded.exitCode(), seeded.err());
    JsonNode workload = result("seeded").path("workload");
    assertEquals(11, workload.path("seed").asLong());
    assertTrue(workload.path("distinct_prompts").asBoolean());
    // The distinct prefix is one more word on each prompt: 64 + 1.
    assertEquals(
        96 * 65,
        result("seeded").path("levels").get(0).path("whole_run").path("prompt_tokens").asLong());

    CommandRun cached = bench("cached", "--concurrency", "2", "--allow-prefix-cache", "");
    assertEquals(0, cached.exitCode(), cached.err());
    assertFalse(result("cached").path("workload").path("distinct_prompts").asBoolean(true));
    assertEquals(
        96 * 64,
        result("cached").path("levels").get(0).path("whole_run").path("prompt_tokens").asLong());
    // A baseline with distinct prompts is another workload.
    CommandRun mixed =
        bench(
            "mixed",
            "--concurrency",
            "2",
            "--allow-prefix-cache",
            "",
            "--baseline",
            dir.resolve("seeded/result.json").toString());
    assertEquals(2, mixed.exitCode(), mixed.out() + mixed.err());
    assertTrue(mixed.err().contains("distinct_prompts: false here, true in the baseline"));
  }
}
