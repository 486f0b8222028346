package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.calc.FakePrometheus;
import io.tokenjoule.calc.FakePrometheus.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tokenjoule calc --from-prometheus} against a local server answering as Prometheus's API
 * does: the figures from measured counters, and one clear line with exit code 1 for every way
 * Prometheus can fail to answer.
 */
class CalcFromPrometheusTest {

  private static final String ENERGY =
      "sum(increase(tokenjoule_server_energy_joules_total{server=\"llama\"}[1h]))";
  private static final String TOKENS_ALL =
      "sum(increase(tokenjoule_server_tokens_total{server=\"llama\",kind=~\"prompt|generated\"}[1h]))";
  private static final String TOKENS_GENERATED =
      "sum(increase(tokenjoule_server_tokens_total{server=\"llama\",kind=\"generated\"}[1h]))";
  private static final String REQUESTS =
      "sum(increase(tokenjoule_server_requests_total{server=\"llama\"}[1h]))";

  /** 5600 W and 2500 tokens/s over an hour, the console's example; 625 tokens per request. */
  private static final Map<String, Answer> EXAMPLE =
      Map.of(
          ENERGY, FakePrometheus.vector(20_160_000),
          TOKENS_ALL, FakePrometheus.vector(9_000_000),
          TOKENS_GENERATED, FakePrometheus.vector(1_800_000),
          REQUESTS, FakePrometheus.vector(14_400));

  private static CommandRun calc(FakePrometheus prometheus, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("calc", "--from-prometheus", prometheus.url().toString(), "--server", "llama"));
    args.addAll(List.of(more));
    if (!args.contains("--at")) {
      args.addAll(List.of("--at", "2026-01-02T03:00:00Z"));
    }
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void measuredPowerAndThroughputGiveTheFigures() {
    try (FakePrometheus prometheus =
        new FakePrometheus(q -> EXAMPLE.getOrDefault(q, FakePrometheus.empty()))) {
      CommandRun run = calc(prometheus, "--price", "0.08", "--query-tokens", "500");
      assertEquals(0, run.exitCode(), run.err());
      List<String> lines = run.out().lines().toList();
      assertEquals(
          "Measured by the agent, read from Prometheus at "
              + prometheus.url()
              + ": server llama over the 1h ending 2026-01-02T03:00:00Z,",
          lines.get(0));
      assertEquals(
          "  20,160,000 J, 9,000,000 tokens (prompt and generated), 14,400 finished requests.",
          lines.get(1));
      assertEquals(
          "A token costs 2.24 J, $0.05 per million tokens; a 500-token query uses 0.31 Wh and"
              + " costs $0.00002, about 3.2k such queries per kWh.",
          lines.get(3));
      assertTrue(lines.contains("power         5,600 W per node"), run.out());
      assertTrue(lines.contains("throughput    2,500 tokens/s per node"), run.out());
      assertTrue(lines.contains("query         500 tokens (given)"), run.out());
      assertTrue(prometheus.asked().stream().allMatch(a -> a.time().equals("1767322800")));
    }
  }

  @Test
  void theQueryLengthIsMeasuredWhenRequestsFinished() throws Exception {
    try (FakePrometheus prometheus =
        new FakePrometheus(q -> EXAMPLE.getOrDefault(q, FakePrometheus.empty()))) {
      CommandRun run = calc(prometheus);
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(
          run.out().contains(" 625 tokens (measured: tokens per finished request)\n"), run.out());
      assertTrue(run.out().contains("a 625-token query uses 0.39 Wh"), run.out());

      JsonNode json = new ObjectMapper().readTree(calc(prometheus, "--json").out());
      JsonNode measured = json.get("prometheus");
      assertEquals(prometheus.url().toString(), measured.get("url").asText());
      assertEquals("llama", measured.get("server").asText());
      assertEquals("2026-01-02T03:00:00Z", measured.get("end").asText());
      assertEquals(3600, measured.get("range_seconds").asDouble());
      assertEquals("all", measured.get("kind").asText());
      assertEquals(20_160_000, measured.get("energy_joules").asDouble());
      assertEquals(9_000_000, measured.get("tokens").asDouble());
      assertEquals(14_400, measured.get("requests").asDouble());
      assertEquals("measured", json.get("inputs").get("query_tokens_from").asText());
      assertEquals(625, json.get("inputs").get("query_tokens").asDouble(), 1e-12);
      assertEquals(2.24, json.get("figures").get("energy_per_token_joules").asDouble(), 1e-15);
    }
  }

  @Test
  void generatedTokensOnly() throws Exception {
    try (FakePrometheus prometheus =
        new FakePrometheus(q -> EXAMPLE.getOrDefault(q, FakePrometheus.empty()))) {
      JsonNode json =
          new ObjectMapper().readTree(calc(prometheus, "--kind", "generated", "--json").out());
      assertEquals("generated", json.get("prometheus").get("kind").asText());
      assertEquals(500, json.get("inputs").get("throughput_tokens_per_second").asDouble(), 1e-12);
      assertEquals(11.2, json.get("figures").get("energy_per_token_joules").asDouble(), 1e-14);
      assertEquals(125, json.get("inputs").get("query_tokens").asDouble(), 1e-12);
    }
  }

  @Test
  void unixSecondsAndOtherRangesAreAsked() {
    try (FakePrometheus prometheus = new FakePrometheus(q -> FakePrometheus.vector(7200))) {
      CommandRun run = calc(prometheus, "--at", "1767322800.5", "--range", "2h", "--json");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals("1767322800.5", prometheus.asked().get(0).time());
      assertEquals(
          "sum(increase(tokenjoule_server_energy_joules_total{server=\"llama\"}[2h]))",
          prometheus.asked().get(0).query());
    }
  }

  private static void assertNoData(Answer answer, String expectedEnd, String... more) {
    try (FakePrometheus prometheus = new FakePrometheus(q -> answer)) {
      CommandRun run = calc(prometheus, more);
      assertEquals(CalcCommand.EXIT_NO_DATA, run.exitCode(), run.out() + run.err());
      assertEquals("", run.out());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertTrue(run.err().startsWith("tokenjoule calc: "), run.err());
      assertTrue(run.err().strip().endsWith(expectedEnd), run.err());
      assertTrue(run.err().contains(prometheus.url().toString()), run.err());
    }
  }

  @Test
  void noSeriesIsExitOneWithWhatToCheck() {
    try (FakePrometheus prometheus = new FakePrometheus(q -> FakePrometheus.empty())) {
      CommandRun run = calc(prometheus);
      assertEquals(CalcCommand.EXIT_NO_DATA, run.exitCode(), run.out() + run.err());
      assertEquals(
          "tokenjoule calc: no series tokenjoule_server_energy_joules_total{server=\"llama\"} in"
              + " Prometheus at "
              + prometheus.url()
              + " over the 1h ending 2026-01-02T03:00:00Z; is the agent scraped, is the server"
              + " name right?",
          run.err().strip());
    }
  }

  @Test
  void anErrorBodyIsExitOne() {
    assertNoData(
        FakePrometheus.error(422, "execution", "query processing would load too many samples"),
        "rejected the query (HTTP 422, execution): query processing would load too many samples");
  }

  @Test
  void garbageIsExitOne() {
    assertNoData(
        new Answer(200, "<html>Grafana</html>"),
        "answered something that is not its API's JSON: <html>Grafana</html>");
  }

  @Test
  void aSlowPrometheusTimesOut() {
    assertNoData(
        new Answer(200, FakePrometheus.empty().body(), Duration.ofSeconds(5)),
        "did not answer within 200ms",
        "--timeout",
        "200ms");
  }
}
