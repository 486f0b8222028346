package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scraper over real HTTP: each way a page can be bad ends as a failure with its reason. */
class HttpScraperTest {

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static Vertx vertx;
  private static HttpServer server;
  private static MetricsPageClient client;
  private static String base;
  private static final AtomicReference<String> generated = new AtomicReference<>("5000");

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Map<String, String[]> pages =
        Map.of(
            "/text", new String[] {TEXT, Fixtures.V1_TEXT},
            "/openmetrics", new String[] {OPENMETRICS, Fixtures.V1_OPENMETRICS},
            "/truncated", new String[] {TEXT, Fixtures.V1_TEXT_TRUNCATED},
            "/html", new String[] {"text/html", Fixtures.HTML},
            "/router/metrics?model=qwen", new String[] {TEXT, Fixtures.LLAMACPP_LARGE});
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().equals("/counter")) {
                    request.response().putHeader("Content-Type", TEXT).end(counterPage());
                    return;
                  }
                  String[] page = pages.getOrDefault(request.uri(), pages.get(request.path()));
                  if (page == null) {
                    request.response().setStatusCode(404).end();
                    return;
                  }
                  request
                      .response()
                      .putHeader("Content-Type", page[0])
                      .end(Buffer.buffer(Fixtures.bytes(page[1])));
                })
            .listen(0, "127.0.0.1")
            .await();
    base = "http://127.0.0.1:" + server.actualPort();
    client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM);
  }

  private static String counterPage() {
    return "# TYPE vllm:prompt_tokens_total counter\n"
        + "vllm:prompt_tokens_total{model_name=\"m\"} 100\n"
        + "# TYPE vllm:generation_tokens_total counter\n"
        + "vllm:generation_tokens_total{model_name=\"m\"} "
        + generated.get()
        + "\n";
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close().await();
  }

  private static ScrapeOutcome scrape(String path, int maxSeries) throws Exception {
    HttpScraper scraper =
        new HttpScraper(client, new ScrapeLimits(2, 1 << 20, maxSeries), MonotonicClock.SYSTEM);
    return scraper
        .scrape(new ScrapeTarget("s", URI.create(base + path), new VllmProfile()))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
  }

  @Test
  void aCounterThatJumpsPastAnyServersRateIsRefusedUntilItComesBack() throws Exception {
    HttpScraper scraper =
        new HttpScraper(client, new ScrapeLimits(2, 1 << 20, 1000), MonotonicClock.SYSTEM);
    ScrapeTarget target = new ScrapeTarget("s", URI.create(base + "/counter"), new VllmProfile());
    generated.set("5000");
    assertInstanceOf(ScrapeOutcome.Success.class, scrape(scraper, target));
    generated.set("1000000005000");
    ScrapeOutcome.Failure jump =
        assertInstanceOf(ScrapeOutcome.Failure.class, scrape(scraper, target));
    assertEquals(ScrapeError.IMPLAUSIBLE_COUNTER, jump.error());
    assertTrue(
        jump.message().contains("model m: generated tokens rose by 1000000000000"), jump.message());
    generated.set("5100");
    ScrapeOutcome.Success back =
        assertInstanceOf(ScrapeOutcome.Success.class, scrape(scraper, target));
    assertEquals(5100, back.reading().counters().generatedTokens());
  }

  @Test
  void countersWhoseSumOverflowsAreRefusedByName() throws Exception {
    HttpScraper scraper =
        new HttpScraper(client, new ScrapeLimits(2, 1 << 20, 1000), MonotonicClock.SYSTEM);
    ScrapeTarget target = new ScrapeTarget("s", URI.create(base + "/counter"), new VllmProfile());
    generated.set("1e308\nvllm:generation_tokens_total{model_name=\"m\",engine=\"2\"} 1e308");
    ScrapeOutcome.Failure huge =
        assertInstanceOf(ScrapeOutcome.Failure.class, scrape(scraper, target));
    assertEquals(ScrapeError.IMPLAUSIBLE_COUNTER, huge.error());
    assertTrue(huge.message().contains("past 2^53"), huge.message());
  }

  private static ScrapeOutcome scrape(HttpScraper scraper, ScrapeTarget target) throws Exception {
    return scraper.scrape(target).toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void readsTheCountersOfATextPage() throws Exception {
    ScrapeOutcome.Success success =
        assertInstanceOf(ScrapeOutcome.Success.class, scrape("/text", 10_000));
    EngineCounters counters = success.reading().counters();
    assertEquals(2_222_221, counters.promptTokens());
    assertEquals(4_222_221, counters.generatedTokens());
    assertEquals(8540, counters.requests());
    assertEquals(29, counters.runningRequests());
    assertEquals(0, success.unparsedLines());
    assertTrue(success.reading().timeUncertaintySeconds() >= 0);
  }

  @Test
  void aLlamaCppRouterPageIsScrapedWithItsModelQueryAndTakesTheConfiguredModel() throws Exception {
    EngineProfile profile = new ConfiguredModelProfile(new LlamaCppProfile(), "qwen");
    HttpScraper scraper =
        new HttpScraper(client, new ScrapeLimits(2, 1 << 20, 10_000), MonotonicClock.SYSTEM);
    ScrapeOutcome outcome =
        scraper
            .scrape(new ScrapeTarget("s", URI.create(base + "/router/metrics?model=qwen"), profile))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    ScrapeOutcome.Success success = assertInstanceOf(ScrapeOutcome.Success.class, outcome);
    assertEquals(
        List.of(new ModelCounters("qwen", 12_345_700, 3_456_790, Double.NaN, 3)),
        success.reading().counters().models());
  }

  @Test
  void readsTheEscapedNamesOfAnOpenMetricsPage() throws Exception {
    ScrapeOutcome.Success success =
        assertInstanceOf(ScrapeOutcome.Success.class, scrape("/openmetrics", 10_000));
    assertEquals(4_222_221, success.reading().counters().generatedTokens());
  }

  @Test
  void truncatedPageIsRefusedRatherThanReadAsAReset() throws Exception {
    ScrapeOutcome.Failure failure =
        assertInstanceOf(ScrapeOutcome.Failure.class, scrape("/truncated", 10_000));
    assertEquals(ScrapeError.TRUNCATED, failure.error());
    assertTrue(
        failure.message().startsWith(base + "/truncated: page ended early"), failure.message());
  }

  @Test
  void aPageRefusedAfterItArrivedLeavesItsConnectionToTheNextScrape() throws Exception {
    for (int i = 0; i < 200; i++) {
      assertInstanceOf(ScrapeOutcome.Failure.class, scrape("/text", 50));
      assertInstanceOf(ScrapeOutcome.Success.class, scrape("/text", 10_000), "scrape " + i);
    }
  }

  @Test
  void pageOverTheSeriesLimitIsRefused() throws Exception {
    ScrapeOutcome.Failure failure =
        assertInstanceOf(ScrapeOutcome.Failure.class, scrape("/text", 50));
    assertEquals(ScrapeError.TOO_MANY_SERIES, failure.error());
    assertTrue(failure.message().contains("over the limit of 50"), failure.message());
  }

  @Test
  void pageWithoutTheCountersNamesWhatIsMissing() throws Exception {
    ScrapeOutcome.Failure failure =
        assertInstanceOf(ScrapeOutcome.Failure.class, scrape("/html", 10_000));
    assertEquals(ScrapeError.MISSING_METRICS, failure.error());
    assertTrue(failure.message().contains("(engine vllm)"), failure.message());
    assertTrue(failure.message().contains("vllm:generation_tokens_total"), failure.message());
  }

  @Test
  void unreachableTargetIsAConnectionFailure() throws Exception {
    HttpScraper scraper =
        new HttpScraper(client, new ScrapeLimits(2, 1 << 20, 100), MonotonicClock.SYSTEM);
    ScrapeOutcome outcome =
        scraper
            .scrape(
                new ScrapeTarget("s", URI.create("http://127.0.0.1:1/metrics"), new VllmProfile()))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    assertEquals(
        ScrapeError.CONNECTION, assertInstanceOf(ScrapeOutcome.Failure.class, outcome).error());
  }
}
