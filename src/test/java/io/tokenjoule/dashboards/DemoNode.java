package io.tokenjoule.dashboards;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentRuntime;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.config.ProxySettings;
import io.tokenjoule.demo.DemoSettings;
import io.tokenjoule.proxy.InferenceTestServer;
import io.tokenjoule.proxy.MeteringProxy;
import io.tokenjoule.proxy.ProxyLocalServer;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo in this JVM, built as {@code tokenjoule demo --sim.pods} builds it: {@link
 * DemoScenario}'s simulated node, its simulated vLLM servers on free ports, and the real agent
 * scraping them over HTTP and serving /metrics on a free port of 127.0.0.1. Being in-process, it
 * can answer with the simulator's ground truth. Beside them, the metering proxy runs inside the
 * agent in front of a test inference server on the demo's spare GPU 3 (idle power), with two
 * tenants sending requests every {@value #PROXY_REQUEST_MILLIS} ms, so that the tenant panels have
 * data; its server is part of the fleet's truth (GPU 3's idle power, the tokens the test server
 * generated).
 */
final class DemoNode implements AutoCloseable {

  private final SimulatedWorld world;
  private final Vertx vertx;
  private final List<SimulatedVllmServer> servers;
  private final SimulatedGpuSource gpus;
  private final Agent agent;
  private final double epochMinusMonotonic;
  private final InferenceTestServer upstream;
  private final MeteringProxy proxy;

  static final long PROXY_REQUEST_MILLIS = 250;
  static final String PROXY_SERVER = "demo-proxy";

  private DemoNode(
      SimulatedWorld world,
      Vertx vertx,
      List<SimulatedVllmServer> servers,
      SimulatedGpuSource gpus,
      Agent agent,
      double epochMinusMonotonic,
      InferenceTestServer upstream,
      MeteringProxy proxy) {
    this.world = world;
    this.vertx = vertx;
    this.servers = servers;
    this.gpus = gpus;
    this.agent = agent;
    this.epochMinusMonotonic = epochMinusMonotonic;
    this.upstream = upstream;
    this.proxy = proxy;
  }

  /**
   * Starts the demo node with the demo's own scrape defaults and economics.
   *
   * @param tick the agent's tick (the demo's default is 1 s)
   * @param window the agent's J/token window (the demo's default is 60 s)
   */
  static DemoNode start(Duration tick, Duration window) {
    return start(tick, window, DemoSettings.ECONOMICS.site().pue());
  }

  /**
   * Starts the demo node with the demo's economics at another PUE: 1 is the agent's default, where
   * cost and carbon say {@code scope="it"}; above 1 they say {@code scope="facility"}.
   */
  static DemoNode start(Duration tick, Duration window, double pue) {
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
      // In simulated pods, so that the namespace and pod variables and panels have data.
      planned.add(
          DemoSettings.plannedServer(
              world,
              model,
              URI.create(server.metricsUrl()),
              DemoSettings.simulatedPod(planned.size(), model)));
    }
    AgentPlan demo = DemoSettings.plan("127.0.0.1", 0, tick, window, planned);
    Economics economics = DemoSettings.ECONOMICS;
    Economics atPue =
        new Economics(
            economics.tariff(),
            new SiteFactors(pue, economics.site().wueLitersPerKwh()),
            economics.gpuHourPrice(),
            economics.indicativeRates());
    SimulatedGpuSource gpus = new SimulatedGpuSource(world);
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
    AgentPlan plan =
        new AgentPlan(
                demo.listenHost(),
                demo.listenPort(),
                demo.tick(),
                demo.window(),
                demo.scrapeLimits(),
                demo.servers(),
                Optional.of(atPue),
                demo.carbon(),
                demo.baseline())
            .withPodLabels(demo.podLabels())
            .withLocalServer(
                new ProxyLocalServer(
                    PROXY_SERVER,
                    List.of(gpus.gpus().get(3)),
                    proxy.finishedRequests().orElseThrow()));
    Agent agent = Agent.start(plan, AgentRuntime.of(gpus, vertx, clock, registry));
    sendProxyRequests(vertx, proxy.port());
    return new DemoNode(world, vertx, servers, gpus, agent, epochMinusMonotonic, upstream, proxy);
  }

  /** Two tenants, one request each in turn, streamed and not, until Vert.x closes. */
  private static void sendProxyRequests(Vertx vertx, int port) {
    HttpClientAgent client = vertx.createHttpClient();
    long[] sent = {0};
    vertx.setPeriodic(
        PROXY_REQUEST_MILLIS,
        id -> {
          long n = sent[0]++;
          String body =
              "{\"model\":\"demo/llama-3.2-1b\",\"messages\":[{\"role\":\"user\",\"content\":"
                  + "\"how much energy\"}],\"max_tokens\":"
                  + (n % 2 == 0 ? 40 : 120)
                  + ",\"stream\":"
                  + (n % 3 == 0)
                  + "}";
          client
              .request(
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setHost("127.0.0.1")
                      .setPort(port)
                      .setURI("/v1/chat/completions")
                      .putHeader("Authorization", "Bearer demo-tenant-" + (n % 2 == 0 ? "a" : "b")))
              .compose(request -> request.send(Buffer.buffer(body)))
              .compose(HttpClientResponse::body);
        });
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
    energy += DemoScenario.H100.idleWatts() * (toSeconds - fromSeconds); // GPU 3, the proxy's
    for (InferenceTestServer.Served served : upstream.served()) {
      if (served.endedAtSeconds() > fromSeconds && served.endedAtSeconds() <= toSeconds) {
        prompt += served.promptTokens();
        generated += served.generatedTokens();
      }
    }
    return new GroundTruth(fromSeconds, toSeconds, energy, prompt, generated);
  }

  @Override
  public void close() {
    agent.close();
    proxy.close();
    upstream.close();
    servers.forEach(SimulatedVllmServer::close);
    gpus.close();
    vertx.close().await();
  }
}
