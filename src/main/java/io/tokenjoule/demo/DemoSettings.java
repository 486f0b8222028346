package io.tokenjoule.demo;

import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.ExchangeRate;
import io.tokenjoule.account.economics.Money;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.account.economics.Tariff;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.BaselinePlan;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.config.ScrapeConfig;
import io.tokenjoule.kubernetes.PodIdentity;
import io.tokenjoule.scrape.ScrapeMemoryBudget;
import io.tokenjoule.scrape.VllmProfile;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's agent and site: a price, an indicative second currency, a PUE, a WUE and a GPU-hour
 * price, so that every figure the agent can publish shows up in the demo. Illustrative values, not
 * advice.
 */
public final class DemoSettings {

  /** 0.12 USD/kWh, EUR at 0.92 per USD, PUE 1.2, WUE 1.8 L/kWh, 2.50 USD per GPU-hour. */
  public static final Economics ECONOMICS =
      new Economics(
          Tariff.flat(new EnergyPrice(0.12, Money.currency("USD"))),
          new SiteFactors(1.2, 1.8),
          2.5,
          List.of(new ExchangeRate(Money.currency("EUR"), 0.92)));

  /** A static grid intensity: 350 gCO2e/kWh. */
  public static final CarbonConfig CARBON =
      new CarbonConfig(350, "", Optional.empty(), Optional.empty());

  /**
   * Baselines learnt in minutes rather than days, so the demo shows them: 10 s slots over an hour,
   * 3 slots to learn, a sample every 5 s. Kept in memory only.
   */
  public static final BaselineSettings BASELINE = new BaselineSettings(10, 3600, 3, 0.05, 1000, 5);

  private DemoSettings() {}

  /** The plan entry for a simulated server: its page, read as vLLM's, on its simulated GPUs. */
  public static PlannedServer plannedServer(
      SimulatedWorld world, EngineModel model, SimulatedVllmServer server) {
    return plannedServer(world, model, URI.create(server.metricsUrl()));
  }

  /** The plan entry of a simulated server whose page is served at {@code metricsUrl}. */
  public static PlannedServer plannedServer(
      SimulatedWorld world, EngineModel model, URI metricsUrl) {
    return new PlannedServer(
        model.serverName(),
        metricsUrl,
        new VllmProfile(),
        model.gpuIndices().stream().map(i -> world.gpus().get(i)).toList());
  }

  /**
   * The simulated pod of the demo's {@code index}-th server: namespace {@code sim-team-a}, {@code
   * sim-team-b}, ... by index, pod {@code <server>-0}, container {@code vllm}. As simulated as the
   * servers: its series say {@code source="simulated"}.
   */
  public static PodIdentity simulatedPod(int index, EngineModel model) {
    return new PodIdentity(
        "sim-team-" + (char) ('a' + index % 26), model.serverName() + "-0", "vllm", "");
  }

  /** The plan entry of a simulated server in a simulated pod. */
  public static PlannedServer plannedServer(
      SimulatedWorld world, EngineModel model, URI metricsUrl, PodIdentity pod) {
    PlannedServer server = plannedServer(world, model, metricsUrl);
    return new PlannedServer(
        server.name(),
        server.metricsUrl(),
        server.profile(),
        server.gpus(),
        Set.of(world.pid(model.serverName())),
        Optional.of(pod));
  }

  /**
   * The demo agent's plan: these settings, the demo's scrape defaults, baselines in memory; pod
   * labels on when a server is in a (simulated) pod.
   */
  public static AgentPlan plan(
      String host, int port, Duration tick, Duration window, List<PlannedServer> servers) {
    return new AgentPlan(
            host,
            port,
            tick,
            window,
            ScrapeMemoryBudget.fit(
                AgentPlanner.scrapeLimits(ScrapeConfig.defaults(tick)),
                Runtime.getRuntime().maxMemory(),
                servers.size()),
            servers,
            Optional.of(ECONOMICS),
            Optional.of(CARBON),
            new BaselinePlan(BASELINE, Optional.empty()))
        .withPodLabels(servers.stream().anyMatch(server -> server.pod().isPresent()));
  }
}
