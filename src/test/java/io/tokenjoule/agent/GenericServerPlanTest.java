package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.config.GenericEngineConfig;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.GenericProfile;
import io.tokenjoule.scrape.HttpScraper;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A configured generic server becomes a planned server whose profile scrapes its page. */
class GenericServerPlanTest {

  private static final List<GpuIdentity> GPUS =
      List.of(new GpuIdentity(0, "GPU-3a7c2f1e-9b4d-4e2a-8c61-5d0f7e9a1b23", "NVIDIA H100"));

  private static byte[] page() throws Exception {
    try (InputStream in =
        GenericServerPlanTest.class.getResourceAsStream("/fixtures/generic/custom-server.txt")) {
      return in.readAllBytes();
    }
  }

  private static AgentPlan plan(String url) throws Exception {
    String yaml =
        // A first scrape loads the parser's classes; under a loaded build that can take 800 ms.
        "tick: 10s\n"
            + "scrape: {timeout: 5s}\n"
            + "servers:\n"
            + "  - name: acme\n"
            + "    url: "
            + url
            + "\n"
            + "    engine: generic\n"
            + "    gpus: [0]\n"
            + "    generic:\n"
            + "      prompt_tokens: {metric: myllm_tokens_total, labels: {stage: prefill}}\n"
            + "      generated_tokens: myllm_output_tokens_sum\n"
            + "      requests: {metric: myllm_requests_total, labels: {status: ok}}\n"
            + "      running: myllm_running\n"
            + "      model_label: model\n";
    AgentConfig config =
        new ConfigLoader(EngineProfiles.names()).parse(yaml, "tokenjoule.yaml", List.of());
    return AgentPlanner.plan(config, GPUS);
  }

  @Test
  void theEngineNamesAgree() {
    assertEquals(GenericEngineConfig.ENGINE, GenericProfile.ENGINE);
  }

  @Test
  void aPlannedGenericServerScrapesAndReadsItsPage() throws Exception {
    byte[] body = page();
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .response()
                          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                          .end(Buffer.buffer(body)))
              .listen(0, "127.0.0.1")
              .await();
      AgentPlan plan = plan("http://127.0.0.1:" + server.actualPort() + "/metrics");
      PlannedServer planned = plan.servers().get(0);
      assertEquals("generic", planned.profile().engine());
      assertInstanceOf(GenericProfile.class, planned.profile());
      try (MetricsPageClient client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM)) {
        ScrapeOutcome outcome =
            new HttpScraper(client, plan.scrapeLimits(), MonotonicClock.SYSTEM)
                .scrape(new ScrapeTarget(planned.name(), planned.metricsUrl(), planned.profile()))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        ScrapeOutcome.Success success =
            assertInstanceOf(ScrapeOutcome.Success.class, outcome, outcome::toString);
        assertEquals(
            List.of(
                new ModelCounters("acme-13b", 120_000, 45_000, 300, 4),
                new ModelCounters("acme-70b", 80_000, 30_000, 200, 3)),
            success.reading().counters().models());
        assertEquals(7.0, success.reading().counters().tokenResolution());
      }
    } finally {
      vertx.close().await();
    }
  }
}
