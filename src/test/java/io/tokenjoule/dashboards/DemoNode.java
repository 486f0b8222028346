package io.tokenjoule.dashboards;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.cli.DemoSettings;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.SimulatedGpuSource;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo in this JVM, built as {@code tokenjoule demo} builds it: {@link DemoScenario}'s
 * simulated node, its simulated vLLM servers on free ports, and the real agent scraping them over
 * HTTP and serving /metrics on a free port of 127.0.0.1. Being in-process, it can answer with the
 * simulator's ground truth.
 */
final class DemoNode implements AutoCloseable {

  private final SimulatedWorld world;
  private final Vertx vertx;
  private final List<SimulatedVllmServer> servers;
  private final SimulatedGpuSource gpus;
  private final Agent agent;
  private final double epochMinusMonotonic;

  private DemoNode(
      SimulatedWorld world,
      Vertx vertx,
      List<SimulatedVllmServer> servers,
      SimulatedGpuSource gpus,
      Agent agent,
      double epochMinusMonotonic) {
    this.world = world;
    this.vertx = vertx;
    this.servers = servers;
    this.gpus = gpus;
    this.agent = agent;
    this.epochMinusMonotonic = epochMinusMonotonic;
  }

  /**
   * Starts the demo node with the demo's own scrape defaults.
   *
   * @param tick the agent's tick (the demo's default is 1 s)
   * @param window the agent's J/token window (the demo's default is 60 s)
   */
  static DemoNode start(Duration tick, Duration window) {
    MonotonicClock clock = MonotonicClock.SYSTEM;
    double epochMinusMonotonic = System.currentTimeMillis() / 1000.0 - clock.nowSeconds();
    SimulatedWorld world = DemoScenario.world(clock);
    Vertx vertx = Vertx.vertx();
    List<SimulatedVllmServer> servers = new ArrayList<>();
    List<PlannedServer> planned = new ArrayList<>();
    for (EngineModel model : world.servers()) {
      SimulatedVllmServer server =
          new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", 0);
      server.start().await();
      servers.add(server);
      planned.add(DemoSettings.plannedServer(world, model, server));
    }
    AgentPlan plan = DemoSettings.plan("127.0.0.1", 0, tick, window, planned);
    SimulatedGpuSource gpus = new SimulatedGpuSource(world);
    Agent agent = Agent.start(plan, gpus, vertx, clock, Agent.newRegistry());
    return new DemoNode(world, vertx, servers, gpus, agent, epochMinusMonotonic);
  }

  /** host:port of the agent's /metrics. */
  String agentAddress() {
    return "127.0.0.1:" + agent.port();
  }

  /** True once the agent has accounted its first tick. */
  boolean accounting() {
    return agent.latest() != null;
  }

  /** The simulator's clock reading at a wall-clock instant (seconds since the epoch). */
  double monotonicAt(double epochSeconds) {
    return epochSeconds - epochMinusMonotonic;
  }

  /**
   * What every simulated server together really did between two instants of the simulator's clock:
   * the fleet's energy and tokens, whose ratio is the fleet's true J/token.
   */
  GroundTruth fleetTruthBetween(double fromSeconds, double toSeconds) {
    double energy = 0;
    double prompt = 0;
    double generated = 0;
    for (EngineModel model : world.servers()) {
      GroundTruth truth = world.truthBetween(model.serverName(), fromSeconds, toSeconds);
      energy += truth.energyJoules();
      prompt += truth.promptTokens();
      generated += truth.generatedTokens();
    }
    return new GroundTruth(fromSeconds, toSeconds, energy, prompt, generated);
  }

  @Override
  public void close() {
    agent.close();
    servers.forEach(SimulatedVllmServer::close);
    gpus.close();
    vertx.close().await();
  }
}
