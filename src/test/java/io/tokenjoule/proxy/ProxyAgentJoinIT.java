package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.account.economics.Tariff;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentRuntime;
import io.tokenjoule.agent.BaselinePlan;
import io.tokenjoule.config.ProxySettings;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy inside the agent, as {@code proxy:} with {@code gpus} runs it: the proxy's server is
 * accounted like a scraped one (its tokens are the upstream's), and its GPU's energy, cost and
 * carbon are split between the tenants, with the idle energy charged to none, so that tenants plus
 * idle make the server's energy. The page passes promtool where it is installed.
 */
class ProxyAgentJoinIT {

  private static final String SERVER = "ollama";

  @Test
  void theProxysServerIsAccountedAndItsEnergySplitBetweenTenants() throws Exception {
    MonotonicClock clock = MonotonicClock.SYSTEM;
    SimulatedWorld world = DemoScenario.world(clock);
    SimulatedGpuSource gpus = new SimulatedGpuSource(world);
    GpuIdentity spare = gpus.gpus().get(3); // the demo's GPU without a server
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry registry = Agent.newRegistry();
    InferenceTestServer upstream = new InferenceTestServer(vertx);
    MeteringProxy proxy =
        MeteringProxy.start(
                vertx,
                ProxySettings.defaults(URI.create(upstream.baseUrl())),
                "127.0.0.1",
                0,
                registry,
                true)
            .await();
    Economics economics =
        new Economics(
            Tariff.flat(new EnergyPrice(0.10, Currency.getInstance("USD"))),
            SiteFactors.IT_ONLY,
            Double.NaN,
            List.of());
    AgentPlan plan =
        new AgentPlan(
                "127.0.0.1",
                0,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                new ScrapeLimits(0.15, 1 << 20, 10_000),
                List.of(),
                Optional.of(economics),
                Optional.empty(),
                new BaselinePlan(BaselineSettings.DEFAULTS, Optional.empty()))
            .withLocalServer(
                new ProxyLocalServer(
                    SERVER, List.of(spare), proxy.finishedRequests().orElseThrow()));
    Agent agent = Agent.start(plan, AgentRuntime.of(gpus, vertx, clock, registry));
    HttpClient http = HttpClient.newHttpClient();
    try {
      Thread.sleep(600);
      long generated = 0;
      for (String tenant : List.of("team-a", "team-a", "team-b")) {
        String body =
            "{\"model\":\"llama3.2:1b\",\"prompt\":\"one two three\",\"options\":{\"num_predict\":"
                + (tenant.equals("team-a") ? 20 : 60)
                + "}}";
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/api/generate"))
                    .header("Authorization", "Bearer " + tenant)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        generated += tenant.equals("team-a") ? 20 : 60;
        Thread.sleep(300);
      }
      Thread.sleep(1_000); // idle ticks: nothing waits any more

      assertEquals(
          generated,
          counter(registry, "tokenjoule.server.tokens", "server", SERVER, "kind", "generated"));
      assertEquals(9, counter(registry, "tokenjoule.server.tokens", "kind", "prompt"));
      String a = ApiKeyHash.label("team-a");
      String b = ApiKeyHash.label("team-b");
      double energyA = tenantEnergy(registry, a);
      double energyB = tenantEnergy(registry, b);
      double idle = registry.get("tokenjoule.proxy.idle.energy").counter().count();
      double serverEnergy =
          registry.get("tokenjoule.server.energy").tags("server", SERVER).functionCounter().count();
      assertTrue(energyA > 0 && energyB > 0 && idle > 0, energyA + " " + energyB + " " + idle);
      assertEquals(serverEnergy, energyA + energyB + idle, serverEnergy * 1e-9);
      double costA =
          registry
              .get("tokenjoule.proxy.energy.cost")
              .tags("tenant", a, "currency", "USD", "scope", "it", "indicative", "false")
              .counter()
              .count();
      assertEquals(energyA / 3.6e6 * 0.10, costA, costA * 1e-6, "cost at $0.10/kWh");
      DistributionSummary perRequest =
          registry.get("tokenjoule.proxy.request.energy").tags("tenant", a).summary();
      assertEquals(2, perRequest.count());
      assertEquals(energyA, perRequest.totalAmount(), energyA * 1e-9);
      checkWithPromtool(registry.scrape());
    } finally {
      agent.close();
      proxy.close();
      upstream.close();
      vertx.close().await();
    }
  }

  private static double tenantEnergy(PrometheusMeterRegistry registry, String tenant) {
    return registry.find("tokenjoule.proxy.energy").tags("tenant", tenant).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static double counter(PrometheusMeterRegistry registry, String name, String... tags) {
    return registry.find(name).tags(tags).functionCounters().stream()
        .mapToDouble(FunctionCounter::count)
        .sum();
  }

  private static void checkWithPromtool(String page) throws Exception {
    Optional<File> promtool =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> new File(dir, "promtool"))
            .filter(File::canExecute)
            .findFirst();
    assumeTrue(promtool.isPresent(), "promtool is not installed; .ci/run installs it");
    Process check =
        new ProcessBuilder(promtool.get().getPath(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = check.getOutputStream()) {
      in.write(page.getBytes(StandardCharsets.UTF_8));
    }
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    check.waitFor(30, TimeUnit.SECONDS);
    assertEquals("", report.strip(), "promtool check metrics found problems");
  }
}
