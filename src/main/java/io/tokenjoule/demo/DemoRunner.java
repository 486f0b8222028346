package io.tokenjoule.demo;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.AgentRuntime;
import io.tokenjoule.agent.AgentVertx;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.agent.ShutdownSignal;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuEnergySource;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tokenjoule demo} from its plan to a clean stop: simulated GPUs and simulated vLLM servers,
 * and the real agent scraping them over HTTP. Every series says {@code source="simulated"}. Prints
 * where to look, then, every report interval, the agent's J/token next to the simulator's ground
 * truth, until the duration passes or SIGINT/SIGTERM.
 */
public final class DemoRunner {

  private DemoRunner() {}

  /**
   * Runs the demo.
   *
   * @throws ListenException when the agent or a simulated server cannot listen
   */
  public static void run(DemoPlan plan, PrintWriter out) throws InterruptedException {
    MonotonicClock clock = MonotonicClock.SYSTEM;
    SimulatedWorld world =
        plan.simGpus() == 0
            ? DemoScenario.world(clock)
            : DemoScenario.sized(clock, plan.simGpus(), plan.simServers());
    Vertx vertx = AgentVertx.create();
    List<SimulatedVllmServer> simulated = new ArrayList<>();
    GpuEnergySource gpus = EnergyBackends.simulatedGpus(world);
    // Closed last, so a SIGINT waits for the cleanup below before the JVM exits.
    try (ShutdownSignal shutdown = new ShutdownSignal()) {
      Agent agent = null;
      try {
        List<PlannedServer> planned = new ArrayList<>();
        int port = plan.simPort();
        for (EngineModel model : world.servers()) {
          URI metricsUrl = URI.create("http://127.0.0.1:" + port++ + "/metrics");
          if (plan.role() != DemoPlan.Role.AGENT) {
            simulated.add(serve(vertx, world, model, metricsUrl.getPort()));
          }
          planned.add(
              plan.simPods()
                  ? DemoSettings.plannedServer(
                      world, model, metricsUrl, DemoSettings.simulatedPod(planned.size(), model))
                  : DemoSettings.plannedServer(world, model, metricsUrl));
        }
        DemoReport report = new DemoReport(out, world, planned);
        String scheme = plan.web().tls().isPresent() ? "https" : "http";
        if (plan.role() == DemoPlan.Role.SERVERS) {
          report.banner(scheme, -1);
          waitAndReport(plan, report, null, clock, shutdown);
          return;
        }
        AgentPlan agentPlan =
            DemoSettings.plan(
                    AgentPlanner.bindHost(plan.listen()),
                    plan.listen().port(),
                    plan.tick(),
                    plan.window(),
                    planned)
                .withWeb(plan.web());
        agent = Agent.start(agentPlan, AgentRuntime.of(gpus, vertx, clock, Agent.newRegistry()));
        report.banner(scheme, agent.port());
        // An agent-only process simulates its own GPUs, so the truth of the servers it scrapes
        // lives in the other process.
        waitAndReport(
            plan,
            plan.role() == DemoPlan.Role.BOTH ? report : report.withoutTruth(),
            agent,
            clock,
            shutdown);
      } finally {
        if (agent != null) {
          agent.close();
        }
        for (SimulatedVllmServer server : simulated) {
          server.close();
        }
        gpus.close();
        vertx.close().await();
      }
    }
  }

  private static SimulatedVllmServer serve(
      Vertx vertx, SimulatedWorld world, EngineModel model, int port) {
    SimulatedVllmServer server =
        new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", port);
    try {
      server.start().await();
    } catch (Exception e) { // Future.await rethrows the bind failure as it came
      throw new ListenException(
          server.metricsUrl().replace("/metrics", "") + " (simulated vLLM; see --sim.port)", e);
    }
    return server;
  }

  private static void waitAndReport(
      DemoPlan plan, DemoReport report, Agent agent, MonotonicClock clock, ShutdownSignal shutdown)
      throws InterruptedException {
    double deadline =
        plan.stopAfter()
            .map(stop -> clock.nowSeconds() + Seconds.of(stop))
            .orElse(Double.POSITIVE_INFINITY);
    Duration every = plan.reportEvery();
    long reportMillis = every.isZero() ? Long.MAX_VALUE : every.toMillis();
    while (clock.nowSeconds() < deadline) {
      double remaining = deadline - clock.nowSeconds();
      long waitMillis = (long) Math.min(reportMillis, Math.max(1, remaining * 1000));
      if (shutdown.await(Duration.ofMillis(waitMillis))) {
        return;
      }
      if (agent != null && !every.isZero() && clock.nowSeconds() < deadline) {
        report.agentNextToTruth(agent.latest());
      }
    }
  }
}
