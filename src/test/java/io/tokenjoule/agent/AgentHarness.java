package io.tokenjoule.agent;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.demo.DemoSettings;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.HostEnergySource;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated node and the real agent scraping it over HTTP: every simulated server of the world
 * served by Vert.x on its own port, plus any extra targets, and the agent's /metrics read over
 * HTTP.
 */
final class AgentHarness implements AutoCloseable {

  final SimulatedWorld world;
  final Vertx vertx = Vertx.vertx();
  final List<SimulatedVllmServer> servers = new ArrayList<>();
  final Agent agent;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param extraTargets more servers for the agent, made once the simulated ones listen
   */
  AgentHarness(
      SimulatedWorld world,
      Duration tick,
      Duration window,
      Function<SimulatedWorld, List<PlannedServer>> extraTargets) {
    this(world, tick, window, extraTargets, Optional.empty(), false);
  }

  /**
   * @param host the host's own energy for the agent to read, if any
   * @param countHost whether the plan charges the host's energy to the servers ({@code
   *     energy.include: [gpu, host]})
   */
  AgentHarness(
      SimulatedWorld world,
      Duration tick,
      Duration window,
      Function<SimulatedWorld, List<PlannedServer>> extraTargets,
      Optional<HostEnergySource> host,
      boolean countHost) {
    this.world = world;
    List<PlannedServer> planned = new ArrayList<>();
    world
        .servers()
        .forEach(
            model -> {
              SimulatedVllmServer server =
                  new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", 0);
              server.start().await();
              servers.add(server);
              planned.add(DemoSettings.plannedServer(world, model, server));
            });
    planned.addAll(extraTargets.apply(world));
    AgentPlan plan =
        new AgentPlan(
            "127.0.0.1",
            0,
            tick,
            window,
            new ScrapeLimits(tick.toNanos() / 1e9 * 0.8, 1 << 20, 10_000),
            planned,
            Optional.empty(),
            Optional.empty(),
            new BaselinePlan(BaselineSettings.DEFAULTS, Optional.empty()));
    agent =
        Agent.start(
            plan.withHostEnergy(countHost),
            new AgentRuntime(
                new SimulatedGpuSource(world),
                host,
                vertx,
                MonotonicClock.SYSTEM,
                Clock.systemUTC(),
                Agent.newRegistry(),
                null));
  }

  SimulatedVllmServer server(String name) {
    return servers.stream().filter(s -> s.serverName().equals(name)).findFirst().orElseThrow();
  }

  String url(String path) {
    return "http://127.0.0.1:" + agent.port() + path;
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  MetricsPage metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode());
    }
    return MetricsPage.parse(response.body());
  }

  @Override
  public void close() {
    agent.close();
    servers.forEach(SimulatedVllmServer::close);
    vertx.close().await();
  }
}
