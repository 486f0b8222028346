package io.tokenjoule.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.AgentVertx;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ListenAddress;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.SimulatedGpuSource;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule demo}: simulated GPUs and simulated vLLM servers, and the real agent scraping
 * them over HTTP, end to end. Every series says {@code source="simulated"}. Prints where to look,
 * then, every report interval, the agent's J/token next to the simulator's ground truth.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs SIMULATED GPUs and SIMULATED vLLM servers with the real agent, end to end over HTTP.",
      "Every series it exports says source=\"simulated\". Needs no GPU."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9847",
      description = "Where the agent serves /metrics (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description =
          "Prometheus exporter-toolkit web config: TLS, mTLS and basic auth (see agent/web-config.yml).")
  Path webConfigFile;

  @Option(
      names = "--sim.port",
      defaultValue = "9848",
      description =
          "First port of the simulated vLLM servers, on 127.0.0.1; one port each (default: ${DEFAULT-VALUE}).")
  int simPort;

  @Option(
      names = "--tick",
      defaultValue = "1s",
      description = "Tick interval (default: ${DEFAULT-VALUE}).")
  String tick;

  @Option(
      names = "--window",
      defaultValue = "60s",
      description = "Sliding window of the J/token gauges (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = "--duration",
      description = "Stop after this long, e.g. 2m (default: run until interrupted).")
  String duration;

  @Option(
      names = "--report-every",
      defaultValue = "10s",
      description =
          "How often to print agent vs ground truth; 0s for never (default: ${DEFAULT-VALUE}).")
  String reportEvery;

  @Option(
      names = "--sim.gpus",
      defaultValue = "0",
      description =
          "Simulate a larger node of this many GPUs (with --sim.servers), for footprint"
              + " measurements; 0 for the standard demo (default: ${DEFAULT-VALUE}).")
  int simGpus;

  @Option(
      names = "--sim.servers",
      defaultValue = "0",
      description = "Servers on that larger node (default: ${DEFAULT-VALUE}).")
  int simServers;

  /** Which half of the demo this process runs. */
  enum SimRole {
    /** The simulated servers and the agent, in one process. */
    BOTH,
    /** Only the simulated servers, for an agent in another process. */
    SERVERS,
    /** Only the agent (with simulated GPUs), scraping servers another process serves. */
    AGENT;

    /** Reads a role in any case, whatever the command line's enum settings. */
    static final class Converter implements CommandLine.ITypeConverter<SimRole> {
      @Override
      public SimRole convert(String value) {
        for (SimRole role : values()) {
          if (role.name().equalsIgnoreCase(value)) {
            return role;
          }
        }
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a role; expected both, servers or agent");
      }
    }
  }

  @Option(
      names = "--sim.role",
      defaultValue = "both",
      converter = SimRole.Converter.class,
      description = {
        "both (default), or split the demo over two processes: servers serves the simulated",
        "servers at --sim.port..; agent runs the agent alone and scrapes them there. Used to",
        "measure the agent's footprint without the simulator's."
      })
  SimRole simRole;

  @Override
  public Integer call() throws Exception {
    logging.apply();
    ListenAddress listen = CliArguments.listenAddress(spec, "--web.listen-address", listenAddress);
    Duration tickInterval = CliArguments.duration(spec, "--tick", tick);
    Duration windowLength = CliArguments.duration(spec, "--window", window);
    Duration stopAfter =
        duration == null ? null : CliArguments.duration(spec, "--duration", duration);
    Duration report = CliArguments.duration(spec, "--report-every", reportEvery);
    PrintWriter out = spec.commandLine().getOut();
    WebConfig webConfig;
    try {
      webConfig =
          webConfigFile == null ? WebConfig.none() : new WebConfigLoader().load(webConfigFile);
    } catch (ConfigException e) {
      spec.commandLine()
          .getErr()
          .println("tokenjoule demo: invalid web configuration:\n" + e.getMessage());
      spec.commandLine().getErr().flush();
      return AgentCommand.EXIT_BAD_CONFIG;
    }

    MonotonicClock clock = MonotonicClock.SYSTEM;
    if ((simGpus == 0) != (simServers == 0) || simGpus < 0 || simServers < 0) {
      throw new ParameterException(
          spec.commandLine(), "--sim.gpus and --sim.servers go together, both > 0");
    }
    SimulatedWorld world =
        simGpus == 0 ? DemoScenario.world(clock) : DemoScenario.sized(clock, simGpus, simServers);
    Vertx vertx = AgentVertx.create();
    List<SimulatedVllmServer> simulated = new ArrayList<>();
    SimulatedGpuSource gpus = new SimulatedGpuSource(world);
    // Closed last, so a SIGINT waits for the cleanup below before the JVM exits.
    try (ShutdownSignal shutdown = new ShutdownSignal()) {
      Agent agent = null;
      try {
        List<PlannedServer> planned = new ArrayList<>();
        int port = simPort;
        for (EngineModel model : world.servers()) {
          URI metricsUrl = URI.create("http://127.0.0.1:" + port++ + "/metrics");
          if (simRole != SimRole.AGENT) {
            simulated.add(serve(vertx, world, model, metricsUrl.getPort()));
          }
          planned.add(DemoSettings.plannedServer(world, model, metricsUrl));
        }
        String scheme = webConfig.tls().isPresent() ? "https" : "http";
        if (simRole == SimRole.SERVERS) {
          printBanner(out, scheme, -1, world, planned);
          waitAndReport(out, null, world, clock, shutdown, stopAfter, report);
          return 0;
        }
        AgentPlan plan =
            DemoSettings.plan(
                AgentPlanner.bindHost(listen), listen.port(), tickInterval, windowLength, planned);
        PrometheusMeterRegistry registry = Agent.newRegistry();
        agent = Agent.start(plan, gpus, vertx, clock, registry, webConfig, null);
        printBanner(out, scheme, agent.port(), world, planned);
        // An agent-only process simulates its own GPUs, so the truth of the servers it scrapes
        // lives in the other process.
        waitAndReport(
            out, agent, simRole == SimRole.BOTH ? world : null, clock, shutdown, stopAfter, report);
        return 0;
      } catch (ListenException e) {
        spec.commandLine().getErr().println("tokenjoule demo: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return AgentCommand.EXIT_CANNOT_LISTEN;
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
      Vertx vertx, SimulatedWorld world, EngineModel model, int port) throws ListenException {
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

  /**
   * @param agentPort the agent's port, or -1 when this process runs no agent
   */
  private static void printBanner(
      PrintWriter out,
      String scheme,
      int agentPort,
      SimulatedWorld world,
      List<PlannedServer> servers) {
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
    out.printf(
        "  %d simulated GPUs: %s; GPU 3 has no server and draws idle power.%n",
        world.gpus().size(), DemoScenario.GPU_MODEL);
    if (agentPort >= 0) {
      out.printf(
          "  try: curl -s localhost:%d/metrics | grep -E '^tokenjoule_(energy_per_token|gpu_power)'%n",
          agentPort);
    }
    out.flush();
  }

  private static void waitAndReport(
      PrintWriter out,
      Agent agent,
      SimulatedWorld world,
      MonotonicClock clock,
      ShutdownSignal shutdown,
      Duration stopAfter,
      Duration report)
      throws InterruptedException {
    double deadline =
        stopAfter == null
            ? Double.POSITIVE_INFINITY
            : clock.nowSeconds() + stopAfter.toNanos() / 1e9;
    long reportMillis = report.isZero() ? Long.MAX_VALUE : report.toMillis();
    while (clock.nowSeconds() < deadline) {
      double remaining = deadline - clock.nowSeconds();
      long waitMillis = (long) Math.min(reportMillis, Math.max(1, remaining * 1000));
      if (shutdown.await(Duration.ofMillis(waitMillis))) {
        return;
      }
      if (agent != null && !report.isZero() && clock.nowSeconds() < deadline) {
        printReport(out, agent, world);
      }
    }
  }

  /** Prints the agent's J/token per server, beside the truth when {@code world} is not null. */
  private static void printReport(PrintWriter out, Agent agent, SimulatedWorld world) {
    var snapshot = agent.latest();
    if (snapshot == null) {
      return;
    }
    for (ServerAccount server : snapshot.servers()) {
      double covered = server.window().coveredSeconds();
      String truth = "";
      if (world != null && covered > 0) {
        double end = snapshot.timestampSeconds();
        try {
          GroundTruth real = world.truthBetween(server.name(), end - covered, end);
          truth =
              String.format(
                  Locale.ROOT, "  truth %s J/token", joules(real.joulesPerGeneratedToken()));
        } catch (IllegalArgumentException | IllegalStateException outsideHistory) {
          truth = "  truth unknown";
        }
      }
      out.printf(
          Locale.ROOT,
          "%-14s agent %s J/token (±%s) over %.0f s%s%n",
          server.name(),
          joules(server.window().joulesPerGeneratedToken()),
          percent(server.window().uncertaintyGenerated()),
          covered,
          truth);
    }
    out.flush();
  }

  private static String joules(double value) {
    return Double.isNaN(value) ? "  (idle)" : String.format(Locale.ROOT, "%7.4f", value);
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }
}
