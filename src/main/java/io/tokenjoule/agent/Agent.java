package io.tokenjoule.agent;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.SourceLabel;
import io.tokenjoule.account.Accountant;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerSpec;
import io.tokenjoule.export.AgentMeters;
import io.tokenjoule.export.BuildInfo;
import io.tokenjoule.export.ExpositionCache;
import io.tokenjoule.export.GridMeters;
import io.tokenjoule.export.HostEnergyMeters;
import io.tokenjoule.export.MetricsHttpServer;
import io.tokenjoule.export.MetricsPublisher;
import io.tokenjoule.export.NodeInfo;
import io.tokenjoule.export.OtlpPush;
import io.tokenjoule.export.PrometheusNaming;
import io.tokenjoule.export.StatusBoard;
import io.tokenjoule.grid.GridIntensity;
import io.tokenjoule.kubernetes.PodIdentity;
import io.tokenjoule.scrape.HttpScraper;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.HostFacts;
import io.tokenjoule.source.HostReading;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: the tick loop reading the GPU source and the servers, and the HTTP endpoint
 * serving what it accounted. Closing it stops both and removes the meters it registered, leaving
 * the registry as it found it (so a reloaded agent can start on the same registry); the GPU source,
 * Vert.x and the registry belong to the caller.
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final PrometheusMeterRegistry registry;
  private final Set<Meter.Id> metersBefore;
  private final TickLoop loop;
  private final int port;
  private final List<Runnable> closeAfterLoop;

  /**
   * @param closeAfterLoop what the agent opened besides its tick loop, in the order it is closed
   */
  private Agent(
      PrometheusMeterRegistry registry,
      Set<Meter.Id> metersBefore,
      TickLoop loop,
      int port,
      List<Runnable> closeAfterLoop) {
    this.registry = registry;
    this.metersBefore = metersBefore;
    this.loop = loop;
    this.port = port;
    this.closeAfterLoop = closeAfterLoop;
  }

  /** A registry for {@link #start}; made first so the GPU source can report into it. */
  public static PrometheusMeterRegistry newRegistry() {
    return PrometheusNaming.newRegistry();
  }

  /**
   * Starts the agent on {@code plan}, its HTTP endpoint secured as the plan's web config says (TLS,
   * mTLS, basic auth); blocks until the endpoint listens.
   *
   * @throws ListenException when the endpoint cannot listen (port taken, address not local, TLS
   *     files the server cannot use)
   */
  public static Agent start(AgentPlan plan, AgentRuntime runtime) {
    Agent agent = open(plan, runtime);
    agent.loop.start();
    return agent;
  }

  /**
   * Opens the agent without its tick schedule: its endpoint listens, and it ticks only when {@link
   * #tickOnce()} is called. For replaying a recorded run on a clock the caller moves.
   *
   * @throws ListenException when the endpoint cannot listen
   */
  public static Agent openUnscheduled(AgentPlan plan, AgentRuntime runtime) {
    return open(plan, runtime);
  }

  private static Agent open(AgentPlan plan, AgentRuntime runtime) {
    PrometheusMeterRegistry registry = runtime.registry();
    GpuEnergySource gpuSource = runtime.gpus();
    Vertx vertx = runtime.vertx();
    MonotonicClock clock = runtime.clock();
    Clock wallClock = runtime.wallClock();
    Set<Meter.Id> metersBefore = meterIds(registry);
    List<ScrapeTarget> targets =
        plan.servers().stream()
            .map(s -> new ScrapeTarget(s.name(), s.metricsUrl(), s.profile()))
            .toList();
    List<ServerSpec> specs = new ArrayList<>();
    plan.servers()
        .forEach(
            s ->
                specs.add(
                    new ServerSpec(
                        s.name(),
                        s.profile().engine(),
                        s.gpus().stream().map(GpuIdentity::uuid).toList(),
                        s.pids())));
    plan.localServers()
        .forEach(
            s ->
                specs.add(
                    new ServerSpec(
                        s.name(), s.engine(), s.gpus().stream().map(GpuIdentity::uuid).toList())));
    MeasuredDevices devices = measure(plan, runtime);
    Accountant accountant =
        new Accountant(
            Seconds.of(plan.window()),
            gpuSource.gpus(),
            devices.hostDevices(),
            specs,
            SourceLabel.SIMULATED.equals(gpuSource.sourceLabel()));
    BuildInfo build = BuildInfo.load();
    NodeInfo node =
        NodeInfo.of(HostFacts.read(), gpuSource.driverVersion(), gpuSource.sourceLabel());
    AgentMeters agentMeters = new AgentMeters(registry, build, node);
    MetricsPageClient pageClient = new MetricsPageClient(vertx, clock);
    GridIntensitySource grid =
        plan.carbon().map(c -> GridIntensitySource.open(c, vertx)).orElse(null);
    Optional<GridIntensity> intensity =
        Optional.ofNullable(grid).map(GridIntensitySource::intensity);
    intensity.ifPresent(g -> GridMeters.register(registry, g, wallClock));
    Duration scrapeTimeout = Seconds.toDuration(plan.scrapeLimits().timeoutSeconds());
    ExpositionCache page =
        new ExpositionCache(registry, 2 * plan.tick().toNanos() + 1_000_000_000L);
    StatusBoard status = new StatusBoard(wallClock, plan.tick());
    RegressionTracker regressions =
        new RegressionTracker(
            plan.baseline(), specs.stream().map(ServerSpec::name).toList(), wallClock);
    TickLoop loop =
        new TickLoop(
            devices,
            targets,
            new HttpScraper(pageClient, plan.scrapeLimits(), clock),
            accountant,
            new Valuation(plan.economics(), wallClock, intensity),
            regressions,
            new MetricsPublisher(
                registry,
                gpuSource.sourceLabel(),
                targets,
                plan.economics(),
                podsByServer(plan),
                plan.podLabels(),
                status,
                page),
            agentMeters,
            clock,
            plan.tick(),
            scrapeTimeout,
            openLocalServers(plan, registry));
    OtlpPush otlp =
        plan.otlp()
            .map(
                config ->
                    OtlpPush.start(
                        registry,
                        config,
                        vertx,
                        Map.of(
                            "service.name", "tokenjoule",
                            "service.version", build.version(),
                            "host.name", node.hostname())))
            .orElse(null);
    MetricsHttpServer http =
        new MetricsHttpServer(
            vertx,
            page,
            status,
            () -> loop.latest() != null,
            build.version(),
            plan.web(),
            runtime.reloadRequest());
    int port;
    try {
      port = http.start(plan.listenHost(), plan.listenPort()).await();
    } catch (Exception e) { // Future.await rethrows the bind failure as it came, checked or not
      List<Runnable> opened = new ArrayList<>(List.of(pageClient::close, regressions::close));
      if (grid != null) {
        opened.add(grid::close);
      }
      if (otlp != null) {
        opened.add(otlp::close);
      }
      opened.add(agentMeters::close);
      closeAll(opened, registry, metersBefore);
      throw new ListenException(plan.listenHost() + ":" + plan.listenPort(), e);
    }
    List<Runnable> closeAfterLoop = new ArrayList<>();
    if (otlp != null) {
      closeAfterLoop.add(otlp::close);
    }
    closeAfterLoop.addAll(List.of(regressions::close, http::close, pageClient::close));
    if (grid != null) {
      closeAfterLoop.add(grid::close);
    }
    closeAfterLoop.add(agentMeters::close);
    return new Agent(registry, metersBefore, loop, port, List.copyOf(closeAfterLoop));
  }

  private static void closeAll(
      List<Runnable> actions, MeterRegistry registry, Set<Meter.Id> metersBefore) {
    actions.forEach(Runnable::run);
    removeMetersSince(registry, metersBefore);
  }

  private static Map<String, PodIdentity> podsByServer(AgentPlan plan) {
    Map<String, PodIdentity> pods = new LinkedHashMap<>();
    plan.servers().forEach(s -> s.pod().ifPresent(pod -> pods.put(s.name(), pod)));
    return pods;
  }

  /**
   * The GPUs and the host's own energy as the tick reads them; the host is counted in J/token when
   * the plan says so and its packages and DRAM can be read, and otherwise says why not, once.
   */
  private static MeasuredDevices measure(AgentPlan plan, AgentRuntime runtime) {
    Optional<HostEnergySource> host = runtime.host();
    boolean count = plan.countHostEnergy();
    if (count) {
      Optional<String> why =
          host.isEmpty()
              ? Optional.of("this host has no RAPL powercap zones")
              : MeasuredDevices.hostUncountable(host.get());
      if (why.isPresent()) {
        LOG.warn(
            "energy.include has host, but the host's energy is not counted in J/token: {}",
            why.get());
        count = false;
      }
    }
    Consumer<List<HostReading>> meters =
        host.isEmpty()
            ? readings -> {}
            : new HostEnergyMeters(runtime.registry(), host.get().sourceLabel())::update;
    return new MeasuredDevices(runtime.gpus(), host, count, meters);
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
    closeAll(closeAfterLoop, registry, metersBefore);
  }

  private static Map<String, LocalServer.Feed> openLocalServers(
      AgentPlan plan, MeterRegistry registry) {
    Map<String, LocalServer.Feed> feeds = new LinkedHashMap<>();
    plan.localServers().forEach(local -> feeds.put(local.name(), local.open(registry)));
    return feeds;
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
