package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.calc.FakePrometheus.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ServerUsageReaderTest {

  private static final Instant END = Instant.parse("2026-01-02T03:00:00Z");

  private static final String ENERGY =
      "sum(increase(tokenjoule_server_energy_joules_total{server=\"llama\"}[1h]))";
  private static final String TOKENS_ALL =
      "sum(increase(tokenjoule_server_tokens_total{server=\"llama\",kind=~\"prompt|generated\"}[1h]))";
  private static final String TOKENS_GENERATED =
      "sum(increase(tokenjoule_server_tokens_total{server=\"llama\",kind=\"generated\"}[1h]))";
  private static final String REQUESTS =
      "sum(increase(tokenjoule_server_requests_total{server=\"llama\"}[1h]))";

  private static Function<String, Answer> answers(Map<String, Answer> byQuery) {
    return q -> byQuery.getOrDefault(q, FakePrometheus.empty());
  }

  @Test
  void readsEnergyTokensAndRequestsOverTheRange() throws Exception {
    Map<String, Answer> byQuery =
        Map.of(
            ENERGY, FakePrometheus.vector(20_160_000),
            TOKENS_ALL, FakePrometheus.vector(9_000_000),
            TOKENS_GENERATED, FakePrometheus.vector(1_800_000),
            REQUESTS, FakePrometheus.vector(14_400));
    try (FakePrometheus prometheus = new FakePrometheus(answers(byQuery))) {
      ServerUsageReader reader =
          new ServerUsageReader(new PrometheusClient(prometheus.url(), Duration.ofSeconds(5)));
      ServerUsage all = reader.read("llama", Duration.ofHours(1), END, TokenKind.ALL);
      assertEquals(5600, all.powerWatts(), 1e-9);
      assertEquals(2500, all.tokensPerSecond(), 1e-9);
      assertEquals(625, all.tokensPerRequest(), 1e-9);
      assertEquals(
          List.of(ENERGY, TOKENS_ALL, REQUESTS),
          prometheus.asked().stream().map(FakePrometheus.Asked::query).toList());
      assertTrue(prometheus.asked().stream().allMatch(a -> a.time().equals("1767322800")));
      ServerUsage generated = reader.read("llama", Duration.ofHours(1), END, TokenKind.GENERATED);
      assertEquals(500, generated.tokensPerSecond(), 1e-9);
      assertEquals(125, generated.tokensPerRequest(), 1e-9);
    }
  }

  @Test
  void noRequestSeriesLeavesTheQueryLengthUnmeasured() throws Exception {
    Map<String, Answer> byQuery =
        Map.of(ENERGY, FakePrometheus.vector(3600), TOKENS_ALL, FakePrometheus.vector(3600));
    try (FakePrometheus prometheus = new FakePrometheus(answers(byQuery))) {
      ServerUsage usage =
          new ServerUsageReader(new PrometheusClient(prometheus.url(), Duration.ofSeconds(5)))
              .read("llama", Duration.ofHours(1), END, TokenKind.ALL);
      assertTrue(!usage.requestsMoved());
      assertTrue(Double.isNaN(usage.tokensPerRequest()));
    }
  }

  @Test
  void noSeriesNamesTheSelectorAndWhatToCheck() throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus(q -> FakePrometheus.empty())) {
      ServerUsageReader reader =
          new ServerUsageReader(new PrometheusClient(prometheus.url(), Duration.ofSeconds(5)));
      String message =
          assertThrows(
                  PrometheusException.class,
                  () -> reader.read("llama", Duration.ofHours(1), END, TokenKind.ALL))
              .getMessage();
      assertEquals(
          "no series tokenjoule_server_energy_joules_total{server=\"llama\"} in Prometheus at "
              + prometheus.url()
              + " over the 1h ending 2026-01-02T03:00:00Z; is the agent scraped, is the server"
              + " name right?",
          message);
    }
  }

  @Test
  void anIdleServerIsNoDataToDivideBy() throws Exception {
    Map<String, Answer> byQuery =
        Map.of(ENERGY, FakePrometheus.vector(3600), TOKENS_ALL, FakePrometheus.vector(0));
    try (FakePrometheus prometheus = new FakePrometheus(answers(byQuery))) {
      ServerUsageReader reader =
          new ServerUsageReader(new PrometheusClient(prometheus.url(), Duration.ofSeconds(5)));
      String message =
          assertThrows(
                  PrometheusException.class,
                  () -> reader.read("llama", Duration.ofHours(1), END, TokenKind.ALL))
              .getMessage();
      assertTrue(
          message.startsWith(
              "tokenjoule_server_tokens_total{server=\"llama\",kind=~\"prompt|generated\"}"
                  + " increased by 0.0 over the 1h ending 2026-01-02T03:00:00Z"),
          message);
      assertTrue(message.endsWith("; was the server idle?"), message);
    }
  }

  @Test
  void serverNamesAreQuotedAsPromQlStrings() {
    assertEquals("\"llama\"", ServerUsageReader.quote("llama"));
    assertEquals("\"a\\\"b\\\\c\\nd\"", ServerUsageReader.quote("a\"b\\c\nd"));
  }

  @Test
  void tokenKindsParseAsUsersWriteThem() {
    assertEquals(TokenKind.ALL, TokenKind.parse("all"));
    assertEquals(TokenKind.GENERATED, TokenKind.parse("Generated"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TokenKind.parse("prompt"));
    assertEquals("expected all or generated, got 'prompt'", e.getMessage());
  }
}
