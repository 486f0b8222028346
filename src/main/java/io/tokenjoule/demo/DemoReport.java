package io.tokenjoule.demo;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.SimulatedWorld;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the demo prints: where to look, then the agent's J/token per server beside the simulator's
 * ground truth over the same window.
 */
final class DemoReport {

  private final PrintWriter out;
  private final SimulatedWorld world;
  private final List<PlannedServer> servers;
  private final boolean withTruth;

  DemoReport(PrintWriter out, SimulatedWorld world, List<PlannedServer> servers) {
    this(out, world, servers, true);
  }

  private DemoReport(
      PrintWriter out, SimulatedWorld world, List<PlannedServer> servers, boolean withTruth) {
    this.out = out;
    this.world = world;
    this.servers = servers;
    this.withTruth = withTruth;
  }

  /** The same report without the truth, for an agent whose servers another process simulates. */
  DemoReport withoutTruth() {
    return new DemoReport(out, world, servers, false);
  }

  /**
   * @param agentPort the agent's port, or -1 when this process runs no agent
   */
  void banner(String scheme, int agentPort) {
    out.println(
        "tokenjoule demo: SIMULATED GPUs and SIMULATED vLLM servers; every series says source=\"simulated\".");
    if (agentPort >= 0) {
      out.printf("  agent metrics   %s://localhost:%d/metrics%n", scheme, agentPort);
    }
    for (int i = 0; i < servers.size(); i++) {
      EngineModel model = world.servers().get(i);
      out.printf(
          "  simulated vLLM  %s  (%s, %s on GPU %s)%n",
          servers.get(i).metricsUrl(),
          model.serverName(),
          model.modelName(),
          model.gpuIndices().toString().replaceAll("[\\[\\] ]", ""));
    }
    List<Integer> idle = new ArrayList<>();
    for (int gpu = 0; gpu < world.gpus().size(); gpu++) {
      int index = gpu;
      if (world.servers().stream().noneMatch(m -> m.gpuIndices().contains(index))) {
        idle.add(gpu);
      }
    }
    out.printf(
        "  %d simulated GPUs: %s%s.%n",
        world.gpus().size(),
        DemoScenario.GPU_MODEL,
        idle.isEmpty()
            ? ""
            : idle.size() == 1
                ? "; GPU " + idle.get(0) + " has no server and draws idle power"
                : "; GPUs "
                    + idle.toString().replaceAll("[\\[\\] ]", "")
                    + " have no server and draw idle power");
    if (agentPort >= 0) {
      out.printf(
          "  try: curl -s localhost:%d/metrics | grep -E '^tokenjoule_(energy_per_token|gpu_power)'%n",
          agentPort);
    }
    out.flush();
  }

  /**
   * The agent's J/token per server, beside the truth where this process knows it. A window without
   * a figure says its state (idle, empty, counting) instead of a number.
   */
  void agentNextToTruth(AccountingSnapshot snapshot) {
    if (snapshot == null) {
      return;
    }
    for (ServerAccount server : snapshot.servers()) {
      double covered = server.window().coveredSeconds();
      String truth = "";
      if (withTruth && covered > 0) {
        double end = snapshot.timestampSeconds();
        try {
          GroundTruth real = world.truthBetween(server.name(), end - covered, end);
          truth = "  truth " + figure(real.joulesPerGeneratedToken(), Double.NaN, "idle");
        } catch (IllegalArgumentException | IllegalStateException outsideHistory) {
          truth = "  truth unknown";
        }
      }
      WindowStats window = server.window();
      String agent =
          window.state().measured()
              ? figure(window.joulesPerGeneratedToken(), window.uncertaintyGenerated(), "idle")
              : window.state().label();
      out.printf(
          Locale.ROOT, "%-14s agent  %s over %.0f s%s%n", server.name(), agent, covered, truth);
    }
    out.flush();
  }

  /** {@code 0.2697 J/token}, with {@code (±1.89%)} when the bound is known; else {@code absent}. */
  static String figure(double joules, double uncertainty, String absent) {
    if (Double.isNaN(joules)) {
      return absent;
    }
    String value = String.format(Locale.ROOT, "%.4f J/token", joules);
    return Double.isNaN(uncertainty)
        ? value
        : value + String.format(Locale.ROOT, " (±%.2f%%)", uncertainty * 100);
  }
}
