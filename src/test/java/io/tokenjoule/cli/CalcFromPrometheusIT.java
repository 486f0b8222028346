package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenjoule calc --from-prometheus} against the real Prometheus: counters with known slopes
 * are backfilled with {@code promtool tsdb create-blocks-from openmetrics}, Prometheus serves them
 * from its TSDB, and the figures must come out exactly.
 */
class CalcFromPrometheusIT {

  /** Two hours of samples, ending two hours ago: old enough to sit in blocks, not in the head. */
  private static final Duration SPAN = Duration.ofHours(2);

  private static final int STEP_SECONDS = 30;

  @TempDir static Path dir;

  private static Process prometheus;
  private static Path log;
  private static String url;
  private static Instant start;

  @BeforeAll
  static void startPrometheusOnBackfilledCounters() throws Exception {
    Optional<File> prometheusBinary = onPath("prometheus");
    Optional<File> promtool = onPath("promtool");
    if (prometheusBinary.isEmpty() || promtool.isEmpty()) {
      return; // each test is skipped, saying why
    }
    start = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
    Path openMetrics = dir.resolve("counters.om");
    Files.writeString(openMetrics, counters(), StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    run(
        promtool.get().getPath(),
        "tsdb",
        "create-blocks-from",
        "openmetrics",
        openMetrics.toString(),
        data.toString());
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    log = dir.resolve("prometheus.log");
    prometheus =
        new ProcessBuilder(
                prometheusBinary.get().getPath(),
                "--storage.tsdb.path=" + data,
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitReady();
  }

  @BeforeEach
  void needsPrometheus() {
    assumeTrue(
        prometheus != null,
        "prometheus and promtool are not both on PATH; .ci/run installs Debian's prometheus"
            + " package, which has them");
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Server llama: two energy series (3600 W and 2000 W, summed: 5600 W), 2000 prompt and 500
   * generated tokens/s, 4 requests/s. Server qwen, which must not be counted: 1000 W, 100 tokens/s.
   */
  private static String counters() {
    StringBuilder om = new StringBuilder();
    om.append("# TYPE tokenjoule_server_energy_joules counter\n");
    series(om, "tokenjoule_server_energy_joules_total{server=\"llama\",model=\"a\"}", 3600);
    series(om, "tokenjoule_server_energy_joules_total{server=\"llama\",model=\"b\"}", 2000);
    series(om, "tokenjoule_server_energy_joules_total{server=\"qwen\",model=\"c\"}", 1000);
    om.append("# TYPE tokenjoule_server_tokens counter\n");
    series(om, "tokenjoule_server_tokens_total{server=\"llama\",kind=\"prompt\"}", 2000);
    series(om, "tokenjoule_server_tokens_total{server=\"llama\",kind=\"generated\"}", 500);
    series(om, "tokenjoule_server_tokens_total{server=\"qwen\",kind=\"generated\"}", 100);
    om.append("# TYPE tokenjoule_server_requests counter\n");
    series(om, "tokenjoule_server_requests_total{server=\"llama\"}", 4);
    series(om, "tokenjoule_server_requests_total{server=\"qwen\"}", 1);
    return om.append("# EOF\n").toString();
  }

  /** A counter rising by {@code perSecond} from 0; OpenMetrics timestamps are in seconds. */
  private static void series(StringBuilder om, String name, long perSecond) {
    for (long t = 0; t <= SPAN.toSeconds(); t += STEP_SECONDS) {
      om.append(name)
          .append(' ')
          .append(t * perSecond)
          .append(' ')
          .append(start.getEpochSecond() + t)
          .append('\n');
    }
  }

  /** 90 minutes into the span, off the sample grid so that increase() extrapolates. */
  private static String at() {
    return Long.toString(start.getEpochSecond() + 90 * 60 + 7);
  }

  private static CommandRun calc(String... more) {
    List<String> args = new ArrayList<>(List.of("calc", "--from-prometheus", url));
    args.addAll(List.of(more));
    if (!args.contains("--server")) {
      args.addAll(List.of("--server", "llama"));
    }
    if (!args.contains("--at")) {
      args.addAll(List.of("--at", at()));
    }
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void theConsolesExampleFromMeasuredCounters() {
    CommandRun run = calc("--price", "0.08", "--query-tokens", "500");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "\nA token costs 2.24 J, $0.05 per million tokens; a 500-token query uses 0.31 Wh"
                    + " and costs $0.00002, about 3.2k such queries per kWh.\n"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "  20,160,000 J, 9,000,000 tokens (prompt and generated), 14,400 finished"
                    + " requests."),
        run.out());
  }

  @Test
  void exactFiguresInJson() throws Exception {
    CommandRun run = calc("--price", "0.08", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode inputs = json.get("inputs");
    assertEquals(5600, inputs.get("power_watts").asDouble(), 1e-9);
    assertEquals(2500, inputs.get("throughput_tokens_per_second").asDouble(), 1e-9);
    assertEquals("measured", inputs.get("query_tokens_from").asText());
    assertEquals(625, inputs.get("query_tokens").asDouble(), 1e-9);
    JsonNode figures = json.get("figures");
    assertEquals(2.24, figures.get("energy_per_token_joules").asDouble(), 1e-12);
    assertEquals(
        0.049777777777777778, figures.get("energy_cost_per_million_tokens").asDouble(), 1e-15);
    // 625 tokens x 2.24 J = 1400 J
    assertEquals(1400 / 3.6e6 * 0.08, figures.get("energy_cost_per_query").asDouble(), 1e-15);
    assertEquals(3600, json.get("prometheus").get("range_seconds").asDouble());
  }

  @Test
  void generatedTokensOnly() throws Exception {
    CommandRun run = calc("--kind", "generated", "--range", "30m", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(11.2, json.get("figures").get("energy_per_token_joules").asDouble(), 1e-12);
    assertEquals(1800, json.get("prometheus").get("range_seconds").asDouble());
    assertEquals(125, json.get("inputs").get("query_tokens").asDouble(), 1e-9);
  }

  @Test
  void anUnknownServerIsExitOneWithWhatToCheck() {
    CommandRun run = calc("--server", "lama");
    assertEquals(CalcCommand.EXIT_NO_DATA, run.exitCode(), run.out());
    assertTrue(
        run.err()
            .startsWith(
                "tokenjoule calc: no series tokenjoule_server_energy_joules_total{server=\"lama\"}"
                    + " in Prometheus at "
                    + url),
        run.err());
    assertTrue(run.err().strip().endsWith("is the agent scraped, is the server name right?"));
  }

  @Test
  void aRangeWithoutDataIsExitOne() {
    CommandRun run = calc("--at", Long.toString(start.getEpochSecond() - 3 * 3600));
    assertEquals(CalcCommand.EXIT_NO_DATA, run.exitCode(), run.out());
    assertTrue(run.err().contains("no series tokenjoule_server_energy_joules_total"), run.err());
  }

  private static void awaitReady() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/-/ready")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!prometheus.isAlive()) {
        fail("prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    fail("prometheus was not ready within 60s:\n" + Files.readString(log));
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
  }

  private static Optional<File> onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> new File(directory, program))
        .filter(File::canExecute)
        .findFirst();
  }
}
