package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole runs against a real local HTTP server that closes connections the way some inference
 * servers do. Not one request may fail for it, none may be sent twice, and bench's token totals
 * must equal the server's own counters.
 */
class BenchConnectionTest {

  private static final int REQUESTS = 60;
  private static final int MAX_TOKENS = 8;

  private FakeOpenAiServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private BenchResult run(List<Integer> concurrencies) throws Exception {
    WorkloadKey key = new WorkloadKey("fake-model", ApiKind.CHAT, 16, MAX_TOKENS, null, true, true);
    BenchPlan plan =
        new BenchPlan(
            URI.create(server.baseUrl()),
            null,
            key,
            new Workload(List.of(Workload.syntheticPrompt(16)), REQUESTS, MAX_TOKENS),
            null,
            concurrencies,
            10,
            0.05,
            4,
            new PromptPrefixes(7, true),
            // The runs here are short; they are about connections, not energy.
            10.0);
    Vertx vertx = Vertx.vertx();
    try (GpuSourceMeter meter = new GpuSourceMeter(server.gpus())) {
      return new BenchRunner(vertx, MonotonicClock.SYSTEM, meter, null)
          .run(plan, new EnergyTimeline(0.05));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private FakeOpenAiServer start() throws Exception {
    server =
        new FakeOpenAiServer(
            new TokenPoweredGpus(MonotonicClock.SYSTEM, 1, 50, 0.01, 0.2, 0.01),
            MonotonicClock.SYSTEM,
            2,
            2);
    return server;
  }

  private static long failed(BenchResult result) {
    return result.sent().stream().filter(r -> !r.outcome().succeeded()).count();
  }

  private void assertTotalsEqualTheServersCounters(BenchResult result) {
    List<BenchResult.SentRequest> sent = result.sent();
    assertEquals(server.arrivals().size(), sent.size(), "each request reached the server once");
    assertEquals(server.requestsTotal(), sent.size());
    assertEquals(
        server.promptTokensTotal(), sent.stream().mapToLong(r -> r.outcome().promptTokens()).sum());
    assertEquals(
        server.generatedTokensTotal(),
        sent.stream().mapToLong(r -> r.outcome().completionTokens()).sum());
  }

  @Test
  void aServerThatClosesAfterEveryStreamLosesNoRequest() throws Exception {
    start().closeAfterEachResponse();
    BenchResult result = run(List.of(1, 4));
    System.out.printf(
        "closes after every stream: %d requests, %d failed, %d connections; %s%n",
        result.sent().size(), failed(result), server.connectionsOpened(), result.connectionReuse());
    assertEquals(0, failed(result));
    assertNotNull(result.connectionReuse(), "bench noticed and stopped reusing connections");
    assertTotalsEqualTheServersCounters(result);
    assertEquals(1 + 4 + 2 * REQUESTS, result.sent().size());
  }

  @Test
  void aServerThatClosesIdleConnectionsEarlyLosesNoRequest() throws Exception {
    // Four warm-up connections, then one at a time: three sit idle and are closed under the pool.
    start().closeIdleConnectionsAfter(100);
    BenchResult result = run(List.of(1, 4, 2));
    System.out.printf(
        "closes idle connections after 100 ms: %d requests, %d failed, %d connections; %s%n",
        result.sent().size(), failed(result), server.connectionsOpened(), result.connectionReuse());
    assertEquals(0, failed(result));
    assertTotalsEqualTheServersCounters(result);
  }

  @Test
  void aServerThatKeepsConnectionsOpenHasThemReused() throws Exception {
    start();
    BenchResult result = run(List.of(4));
    assertEquals(0, failed(result));
    assertNull(result.connectionReuse());
    assertTrue(server.connectionsOpened() <= 5, server.connectionsOpened() + " connections");
    assertTotalsEqualTheServersCounters(result);
  }

  @Test
  void aRequestThatReachedTheServerIsNeverSentAgain() throws Exception {
    start()
        .script(
            i ->
                i == 20
                    ? FakeOpenAiServer.Behaviour.DROP_CONNECTION
                    : FakeOpenAiServer.Behaviour.SERVE);
    BenchResult result = run(List.of(4));
    assertEquals(1, failed(result));
    RequestOutcome dropped =
        result.sent().stream()
            .map(BenchResult.SentRequest::outcome)
            .filter(o -> !o.succeeded())
            .findFirst()
            .orElseThrow();
    assertEquals(1, dropped.attempts());
    assertEquals(server.arrivals().size(), result.sent().size(), "no request arrived twice");
  }
}
