package io.tokenjoule.agent;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.Accountant;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerSpec;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.export.AgentMeters;
import io.tokenjoule.export.BuildInfo;
import io.tokenjoule.export.GridMeters;
import io.tokenjoule.export.MetricsHttpServer;
import io.tokenjoule.export.MetricsPublisher;
import io.tokenjoule.export.NodeInfo;
import io.tokenjoule.export.PrometheusNaming;
import io.tokenjoule.grid.GridIntensity;
import io.tokenjoule.scrape.HttpScraper;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.SimulatedGpuSource;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running agent: the tick loop reading the GPU source and the servers, and the HTTP endpoint
 * serving what it accounted. Closing it stops both and removes the meters it registered, leaving
 * the registry as it found it (so a reloaded agent can start on the same registry); the GPU source,
 * Vert.x and the registry belong to the caller.
 */
public final class Agent implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final Set<Meter.Id> metersBefore;
  private final MetricsPageClient pageClient;
  private final GridIntensitySource grid;
  private final RegressionTracker regressions;
  private final AgentMeters agentMeters;
  private final TickLoop loop;
  private final MetricsHttpServer http;
  private final int port;

  private Agent(
      PrometheusMeterRegistry registry,
      Set<Meter.Id> metersBefore,
      MetricsPageClient pageClient,
      GridIntensitySource grid,
      RegressionTracker regressions,
      AgentMeters agentMeters,
      TickLoop loop,
      MetricsHttpServer http,
      int port) {
    this.registry = registry;
    this.metersBefore = metersBefore;
    this.pageClient = pageClient;
    this.grid = grid;
    this.regressions = regressions;
    this.agentMeters = agentMeters;
    this.loop = loop;
    this.http = http;
    this.port = port;
  }

  /** A registry for {@link #start}; made first so the GPU source can report into it. */
  public static PrometheusMeterRegistry newRegistry() {
    return PrometheusNaming.newRegistry();
  }

  /**
   * Starts the agent; blocks until its HTTP endpoint listens.
   *
   * @throws ListenException when the endpoint cannot listen (port taken, address not local)
   */
  public static Agent start(
      AgentPlan plan,
      GpuEnergySource gpuSource,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry) {
    return start(plan, gpuSource, vertx, clock, registry, WebConfig.none(), null);
  }

  /**
   * Starts the agent with its HTTP endpoint secured as {@code webConfig} says (TLS, mTLS, basic
   * auth); blocks until the endpoint listens.
   *
   * @throws ListenException when the endpoint cannot listen (port taken, address not local, TLS
   *     files the server cannot use)
   */
  public static Agent start(
      AgentPlan plan,
      GpuEnergySource gpuSource,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry,
      WebConfig webConfig,
      Runnable reloadRequest) {
    Agent agent = open(plan, gpuSource, vertx, clock, registry, webConfig, reloadRequest);
    agent.loop.start();
    return agent;
  }

  /**
   * Opens the agent without its tick schedule: its endpoint listens, and it ticks only when {@link
   * #tickOnce()} is called. For replaying a recorded run on a clock the caller moves.
   *
   * @throws ListenException when the endpoint cannot listen
   */
  public static Agent openUnscheduled(
      AgentPlan plan,
      GpuEnergySource gpuSource,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry) {
    return open(plan, gpuSource, vertx, clock, registry, WebConfig.none(), null);
  }

  private static Agent open(
      AgentPlan plan,
      GpuEnergySource gpuSource,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry,
      WebConfig webConfig,
      Runnable reloadRequest) {
    Set<Meter.Id> metersBefore = meterIds(registry);
    List<ScrapeTarget> targets =
        plan.servers().stream()
            .map(s -> new ScrapeTarget(s.name(), s.metricsUrl(), s.profile()))
            .toList();
    List<ServerSpec> specs =
        plan.servers().stream()
            .map(
                s ->
                    new ServerSpec(
                        s.name(),
                        s.profile().engine(),
                        s.gpus().stream().map(GpuIdentity::uuid).toList(),
                        s.pids()))
            .toList();
    Accountant accountant =
        new Accountant(
            plan.window().toNanos() / 1e9,
            gpuSource.gpus(),
            specs,
            SimulatedGpuSource.SOURCE_LABEL.equals(gpuSource.sourceLabel()));
    BuildInfo build = BuildInfo.load();
    AgentMeters agentMeters =
        new AgentMeters(
            registry, build, NodeInfo.read(gpuSource.driverVersion(), gpuSource.sourceLabel()));
    MetricsPageClient pageClient = new MetricsPageClient(vertx, clock);
    GridIntensitySource grid =
        plan.carbon().map(c -> GridIntensitySource.open(c, vertx)).orElse(null);
    Optional<GridIntensity> intensity =
        Optional.ofNullable(grid).map(GridIntensitySource::intensity);
    intensity.ifPresent(g -> GridMeters.register(registry, g, Clock.systemUTC()));
    Duration scrapeTimeout =
        Duration.ofNanos(Math.round(plan.scrapeLimits().timeoutSeconds() * 1e9));
    RegressionTracker regressions =
        new RegressionTracker(
            plan.baseline(), specs.stream().map(ServerSpec::name).toList(), Clock.systemUTC());
    TickLoop loop =
        new TickLoop(
            gpuSource,
            targets,
            new HttpScraper(pageClient, plan.scrapeLimits(), clock),
            accountant,
            new Valuation(plan.economics(), Clock.systemUTC(), intensity),
            regressions,
            new MetricsPublisher(registry, gpuSource.sourceLabel(), targets, plan.economics()),
            agentMeters,
            clock,
            plan.tick(),
            scrapeTimeout);
    MetricsHttpServer http =
        new MetricsHttpServer(
            vertx,
            registry,
            () -> loop.latest() != null,
            build.version(),
            webConfig,
            reloadRequest);
    int port;
    try {
      port = http.start(plan.listenHost(), plan.listenPort()).await();
    } catch (Exception e) { // Future.await rethrows the bind failure as it came, checked or not
      pageClient.close();
      if (grid != null) {
        grid.close();
      }
      regressions.close();
      agentMeters.close();
      removeMetersSince(registry, metersBefore);
      throw new ListenException(plan.listenHost() + ":" + plan.listenPort(), e);
    }
    return new Agent(
        registry, metersBefore, pageClient, grid, regressions, agentMeters, loop, http, port);
  }

  /** The port the HTTP endpoint listens on. */
  public int port() {
    return port;
  }

  /**
   * Runs one tick now on the calling thread, for an agent opened {@linkplain #openUnscheduled
   * unscheduled}; never call it on one that ticks on its own.
   */
  public AccountingSnapshot tickOnce() {
    return loop.runTick();
  }

  /** The last accounted tick, or null before the first. */
  public AccountingSnapshot latest() {
    return loop.latest();
  }

  @Override
  public void close() {
    loop.close();
    regressions.close();
    http.close();
    pageClient.close();
    if (grid != null) {
      grid.close();
    }
    agentMeters.close();
    removeMetersSince(registry, metersBefore);
  }

  private static Set<Meter.Id> meterIds(MeterRegistry registry) {
    Set<Meter.Id> ids = new HashSet<>();
    registry.getMeters().forEach(meter -> ids.add(meter.getId()));
    return ids;
  }

  private static void removeMetersSince(MeterRegistry registry, Set<Meter.Id> before) {
    for (Meter meter : List.copyOf(registry.getMeters())) {
      if (!before.contains(meter.getId())) {
        registry.remove(meter);
      }
    }
  }
}
