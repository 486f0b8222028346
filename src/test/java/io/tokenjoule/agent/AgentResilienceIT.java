package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.VllmProfile;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedWorld;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One agent, short window, and everything that goes wrong on a real node: a server restart, idle
 * time, a server that dies, a target serving garbage, a GPU falling off the bus. Steps run in order
 * on the same agent, as they would happen to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentResilienceIT {

  // 2 GPUs at 100 + 400 × 0.5 = 300 W each; 1000 × 0.5 = 500 generated tokens/s.
  private static final double TRUTH = 2 * 300.0 / 500;
  private static final String GEN_PER_TOKEN = "tokenjoule_energy_per_token_joules";

  private static Vertx garbageVertx;
  private static HttpServer garbage;
  private static AgentHarness harness;

  @BeforeAll
  static void start() {
    garbageVertx = Vertx.vertx();
    garbage =
        garbageVertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .response()
                        .putHeader("Content-Type", "text/html")
                        .end("<html><body>502 Bad Gateway</body></html>\n\u0000\u0001{{{\n"))
            .listen(0, "127.0.0.1")
            .await();
    EngineModel vllm =
        new EngineModel(
            "sim", "org/model", List.of(0, 1), 1000, 1, 100, 32, 1, LoadSchedule.constant(0.5));
    PowerModel power = new PowerModel(100, 400, 700);
    SimulatedWorld world =
        new SimulatedWorld(
            MonotonicClock.SYSTEM,
            () -> 1.7e9,
            "Sim GPU",
            List.of(power, power, power),
            List.of(vllm));
    harness =
        new AgentHarness(
            world,
            Duration.ofMillis(250),
            Duration.ofSeconds(3),
            w ->
                List.of(
                    new PlannedServer(
                        "garbage",
                        URI.create("http://127.0.0.1:" + garbage.actualPort() + "/metrics"),
                        new VllmProfile(),
                        List.of(w.gpus().get(2)))));
  }

  @AfterAll
  static void stop() {
    harness.close();
    garbageVertx.close().await();
  }

  @Test
  @Order(1)
  void servesHealthReadinessAndSteadyJoulesPerToken() throws Exception {
    assertEquals(200, harness.get("/healthz").statusCode());
    Thread.sleep(4_000);
    assertEquals(200, harness.get("/readyz").statusCode());
    MetricsPage page = harness.metrics();
    assertEquals(
        TRUTH, page.require(GEN_PER_TOKEN, "server", "sim", "kind", "generated"), 0.03 * TRUTH);
    assertEquals(1, page.require("tokenjoule_scrape_up", "server", "sim"));
  }

  @Test
  @Order(2)
  void garbageTargetIsDownWithItsReasonAndAffectsNothingElse() throws Exception {
    MetricsPage page = harness.metrics();
    assertEquals(0, page.require("tokenjoule_scrape_up", "server", "garbage"));
    assertTrue(
        page.require(
                "tokenjoule_scrape_errors_total", "server", "garbage", "reason", "missing_metrics")
            > 0);
    assertFalse(page.value(GEN_PER_TOKEN, "server", "garbage", "kind", "generated").isPresent());
    assertEquals(1, page.require("tokenjoule_gpu_up", "gpu", "2"));
    assertTrue(page.require("tokenjoule_gpu_energy_joules_total", "gpu", "2") > 0);
  }

  @Test
  @Order(3)
  void serverRestartProducesNoSpike() throws Exception {
    double tokensBefore = generatedTokens(harness.metrics());
    harness.server("sim").restart();
    double lastTokens = tokensBefore;
    for (int i = 0; i < 16; i++) {
      Thread.sleep(250);
      MetricsPage page = harness.metrics();
      double perToken = page.require(GEN_PER_TOKEN, "server", "sim", "kind", "generated");
      assertEquals(TRUTH, perToken, 0.05 * TRUTH, "J/token right after a restart, sample " + i);
      double tokens = generatedTokens(page);
      assertTrue(
          tokens >= lastTokens,
          "the token counter went backwards: " + lastTokens + " -> " + tokens);
      lastTokens = tokens;
    }
    assertTrue(lastTokens > tokensBefore + 1000, "tokens kept counting after the restart");
  }

  @Test
  @Order(4)
  void idleServerHasNoJoulesPerToken() throws Exception {
    harness.world.setSchedule("sim", LoadSchedule.constant(0));
    Thread.sleep(4_000);
    MetricsPage page = harness.metrics();
    OptionalDouble perToken = page.value(GEN_PER_TOKEN, "server", "sim", "kind", "generated");
    assertTrue(
        perToken.isEmpty() || Double.isNaN(perToken.getAsDouble()),
        "J/token while idle must be absent or NaN, was " + perToken);
    // The GPUs still burn idle power, and it is still charged to the server.
    double energy = page.require("tokenjoule_server_energy_joules_total", "server", "sim");
    Thread.sleep(1_000);
    assertTrue(
        harness.metrics().require("tokenjoule_server_energy_joules_total", "server", "sim")
            > energy + 150);
  }

  @Test
  @Order(5)
  void deadServerIsDownWhileGpuSeriesCarryOn() throws Exception {
    harness.world.setSchedule("sim", LoadSchedule.constant(0.5));
    harness.server("sim").stop().await();
    Thread.sleep(1_000);
    MetricsPage page = harness.metrics();
    assertEquals(0, page.require("tokenjoule_scrape_up", "server", "sim"));
    assertTrue(
        page.require("tokenjoule_scrape_errors_total", "server", "sim", "reason", "connection")
            > 0);
    assertEquals(1, page.require("tokenjoule_gpu_up", "gpu", "0"));
    double energy = page.require("tokenjoule_gpu_energy_joules_total", "gpu", "0");
    Thread.sleep(1_000);
    assertTrue(
        harness.metrics().require("tokenjoule_gpu_energy_joules_total", "gpu", "0") > energy + 50);
    harness.server("sim").start().await();
    Thread.sleep(1_000);
    assertEquals(1, harness.metrics().require("tokenjoule_scrape_up", "server", "sim"));
  }

  @Test
  @Order(6)
  void lostGpuIsDownAndTheRestCarriesOn() throws Exception {
    harness.world.setGpuLost(1, true);
    Thread.sleep(1_000);
    MetricsPage page = harness.metrics();
    assertEquals(0, page.require("tokenjoule_gpu_up", "gpu", "1"));
    assertEquals(1, page.require("tokenjoule_gpu_up", "gpu", "0"));
    assertFalse(
        page.value("tokenjoule_gpu_power_watts", "gpu", "1").isPresent()
            && !Double.isNaN(page.require("tokenjoule_gpu_power_watts", "gpu", "1")));
    harness.world.setGpuLost(1, false);
    Thread.sleep(1_000);
    assertEquals(1, harness.metrics().require("tokenjoule_gpu_up", "gpu", "1"));
  }

  @Test
  @Order(7)
  void negotiatesOpenMetricsAndGzip() throws Exception {
    HttpResponse<String> openMetrics =
        harness.get(
            "/metrics", "Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertTrue(
        openMetrics
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/openmetrics-text"));
    assertTrue(openMetrics.body().endsWith("# EOF\n"));
    HttpResponse<String> gzip = harness.get("/metrics", "Accept-Encoding", "gzip");
    assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
  }

  private static double generatedTokens(MetricsPage page) {
    return page.require("tokenjoule_server_tokens_total", "server", "sim", "kind", "generated");
  }
}
