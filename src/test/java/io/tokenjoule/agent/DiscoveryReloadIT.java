package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code discovery: auto} in the running agent, on the simulated node: a discovered server joins
 * the plan under its configured rename, an unchanged result leaves the running agent alone, and a
 * changed one re-plans it through the reload path. Discovery itself is replaced by its result.
 */
class DiscoveryReloadIT {

  private final Vertx vertx = Vertx.vertx();
  private final SimulatedWorld world = DemoScenario.world(MonotonicClock.SYSTEM);
  private final SimulatedGpuSource gpus = new SimulatedGpuSource(world);
  private final PrometheusMeterRegistry registry = Agent.newRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SimulatedVllmServer server;
  private final EngineModel model = world.servers().get(0);
  private final AtomicReference<List<DiscoveredServer>> found = new AtomicReference<>();
  private double now;
  private final DiscoveryRefresher refresher =
      new DiscoveryRefresher(found::get, Duration.ofSeconds(60), () -> now);
  private final List<String> notes = new ArrayList<>();
  private ReloadableAgent agent;

  DiscoveryReloadIT() {
    server = new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", 0);
    server.start().await();
  }

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    server.close();
    gpus.close();
    vertx.close().await();
  }

  private DiscoveredServer discovered() {
    URI url = URI.create(server.metricsUrl());
    List<DiscoveredGpu> onGpus = new ArrayList<>();
    for (int index : model.gpuIndices()) {
      GpuIdentity gpu = world.gpus().get(index);
      onGpus.add(new DiscoveredGpu(gpu.index(), gpu.uuid()));
    }
    return new DiscoveredServer(
        "vllm-" + url.getPort(), url, "vllm", List.of("m"), onGpus, 4242, List.of(4243));
  }

  private AgentConfig config(Path stateDir) throws Exception {
    int listenPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenPort = free.getLocalPort();
    }
    String yaml =
        "listen_address: 127.0.0.1:"
            + listenPort
            + "\ntick: 1s\nwindow: 5s\nscrape:\n  timeout: 900ms\n"
            + "state_dir: "
            + stateDir
            + "\ndiscovery:\n  mode: auto\n  rename:\n    vllm-"
            + URI.create(server.metricsUrl()).getPort()
            + ": chat\n";
    return new ConfigLoader(EngineProfiles.names()).parse(yaml, "tokenjoule.yaml", List.of());
  }

  /** The agent's page once it shows (or no longer shows) tokens of the server named chat. */
  private String awaitPage(boolean withChat) throws Exception {
    String page = "";
    for (int i = 0; i < 150; i++) {
      Thread.sleep(100);
      URI uri = URI.create("http://127.0.0.1:" + agent.current().port() + "/metrics");
      page =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      boolean chatTokens =
          page.lines()
              .anyMatch(l -> l.startsWith("tokenjoule_server_tokens_total{") && l.contains("chat"));
      if (chatTokens == withChat && page.contains("tokenjoule_gpu_energy_joules_total")) {
        return page;
      }
    }
    return page;
  }

  @Test
  void aDiscoveredServerJoinsAndLeavesThroughTheReloadPath(@TempDir Path stateDir)
      throws Exception {
    AgentConfig config = config(stateDir);
    found.set(List.of(discovered()));
    assertTrue(refresher.refreshIfDue());
    AgentPlan plan = AgentPlanner.plan(config, gpus.gpus(), refresher.current(), notes::add);
    agent =
        ReloadableAgent.start(
            plan,
            AgentRuntime.of(gpus, vertx, MonotonicClock.SYSTEM, registry),
            () -> AgentPlanner.plan(config, gpus.gpus(), refresher.current(), notes::add));

    assertEquals(List.of("chat"), plan.servers().stream().map(PlannedServer::name).toList());
    String page = awaitPage(true);
    assertTrue(
        page.lines()
            .anyMatch(
                l ->
                    l.startsWith("tokenjoule_server_tokens_total{")
                        && l.contains("server=\"chat\"")),
        page);

    Agent running = agent.current();
    found.set(List.of(discovered()));
    now = 60;
    assertFalse(refresher.refreshIfDue(), "same servers: nothing to re-plan");
    assertSame(running, agent.current());

    found.set(List.of());
    now = 120;
    assertTrue(refresher.refreshIfDue());
    assertTrue(agent.reload());
    page = awaitPage(false);
    assertFalse(page.contains("server=\"chat\""), "the server that went away is gone:\n" + page);
    assertEquals(List.of(), notes);
  }
}
