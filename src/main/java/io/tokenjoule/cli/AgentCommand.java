package io.tokenjoule.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.AgentVertx;
import io.tokenjoule.agent.DiscoveryRefresher;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.PlanException;
import io.tokenjoule.agent.ReloadableAgent;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.config.ConfigOverride;
import io.tokenjoule.config.DurationSyntax;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.export.NvmlCallTimers;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.scrape.discovery.DiscoveryResult;
import io.tokenjoule.scrape.discovery.DroppedCandidate;
import io.tokenjoule.scrape.discovery.HostDiscovery;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.nvml.NvmlException;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.NvmlLibrary;
import io.tokenjoule.source.nvml.NvmlLoader;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenjoule agent}: reads real GPUs through NVML and the configured servers. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the agent: GPU energy from NVML joined with the configured inference servers' token",
      "counters, served on /metrics. Flags override the configuration file.",
      "Exit codes: 0 stopped cleanly, 1 NVML unavailable, 2 invalid configuration,",
      "4 cannot listen on the address. With --check: 0 valid, 2 invalid."
    })
final class AgentCommand implements Callable<Integer> {

  static final int EXIT_NO_NVML = 1;
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_CANNOT_LISTEN = 4;

  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "YAML configuration (see agent/tokenjoule.yaml); without it, defaults and flags.")
  Path config;

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      description = "Where to serve /metrics (default :9847).")
  String listenAddress;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description =
          "Prometheus exporter-toolkit web config: TLS, mTLS and basic auth (see agent/web-config.yml);"
              + " read again, TLS files included, on reload.")
  Path webConfigFile;

  @Option(
      names = "--tick",
      paramLabel = "DURATION",
      description = "How often GPUs and servers are read (default 1s).")
  String tick;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "Sliding window of the J/token gauges (default 60s).")
  String window;

  @Option(
      names = "--gpus",
      paramLabel = "all|LIST",
      description = "GPUs to read: all, or indices/UUIDs like 0,1.")
  String gpus;

  @Option(
      names = "--nvml.library",
      paramLabel = "NAME|PATH",
      description = "libnvidia-ml to load (default libnvidia-ml.so.1).")
  String nvmlLibrary;

  @Option(
      names = "--scrape.timeout",
      paramLabel = "DURATION",
      description = "Per-scrape timeout (default 800ms, at most the tick).")
  String scrapeTimeout;

  @Option(
      names = "--check",
      description = {
        "Validate the configuration, list the GPUs NVML would read (when NVML loads), print a",
        "summary and exit: 0 valid, 2 invalid. A host without NVML is not an error here."
      })
  boolean check;

  @Override
  public Integer call() throws Exception {
    logging.apply();
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig agentConfig;
    try {
      agentConfig = loadConfig();
    } catch (ConfigException e) {
      return fail(err, "invalid configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    WebConfig webConfig;
    try {
      webConfig = loadWebConfig();
    } catch (ConfigException e) {
      return fail(err, "invalid web configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    if (check) {
      return check(agentConfig, spec.commandLine().getOut(), err);
    }
    NvmlLibrary library;
    try {
      library = NvmlLoader.loadChosen(agentConfig.nvml().library());
    } catch (NvmlUnavailableException e) {
      return fail(err, e.getMessage(), EXIT_NO_NVML);
    }
    MonotonicClock clock = MonotonicClock.SYSTEM;
    PrometheusMeterRegistry registry = Agent.newRegistry();
    NvmlGpuSource source;
    try {
      source =
          new NvmlGpuSource(
              library,
              AgentPlanner.gpuSelection(agentConfig.gpus()),
              clock,
              new NvmlCallTimers(registry),
              agentConfig.nvml().gaugeRefresh().toNanos() / 1e9);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return fail(err, e.getMessage(), EXIT_BAD_CONFIG);
    }
    // The signal is closed last, so a SIGTERM waits for NVML's shutdown too.
    try (ShutdownSignal shutdown = new ShutdownSignal();
        source) {
      Vertx vertx = AgentVertx.create();
      Set<String> warned = new HashSet<>();
      HostDiscovery hostDiscovery =
          agentConfig.discovery().enabled()
              ? HostDiscovery.open(library, vertx, agentConfig.scrape().timeout())
              : null;
      DiscoveryRefresher discovery =
          hostDiscovery == null
              ? null
              : new DiscoveryRefresher(
                  () -> discover(hostDiscovery, warned), agentConfig.discovery().interval(), clock);
      AgentPlan plan;
      try {
        if (discovery != null) {
          discovery.refreshIfDue();
        }
        plan = AgentPlanner.plan(agentConfig, source.gpus(), discovered(discovery), LOG::info);
      } catch (PlanException e) {
        closeDiscovery(hostDiscovery, vertx);
        return fail(
            err, "the configuration does not fit this host:\n" + e.getMessage(), EXIT_BAD_CONFIG);
      }
      ReloadSignal reload = new ReloadSignal();
      ReloadableAgent started;
      try {
        started =
            ReloadableAgent.start(
                plan,
                () -> replan(agentConfig, source, discovered(discovery)),
                source,
                vertx,
                clock,
                registry,
                Clock.systemUTC(),
                webConfig,
                this::loadWebConfig,
                reload::request);
      } catch (ListenException e) {
        closeDiscovery(hostDiscovery, vertx);
        return fail(err, e.getMessage(), EXIT_CANNOT_LISTEN);
      }
      try (ReloadableAgent agent = started) {
        LOG.info(
            "listening on {}:{}; reading {} GPU(s) through NVML (driver {}) and {} server(s), tick {}, window {}",
            plan.listenHost(),
            agent.current().port(),
            source.gpus().size(),
            source.driverVersion(),
            plan.servers().size(),
            plan.tick(),
            plan.window());
        while (!shutdown.await(Duration.ofSeconds(1))) {
          // A changed discovery result re-plans through the same path as a reload; an unchanged
          // one does nothing, so the series stay as they are.
          boolean rediscovered = discovery != null && discovery.refreshIfDue();
          if (reload.take() || rediscovered) {
            agent.reload();
          }
        }
        LOG.info("stopping");
      } catch (ListenException e) {
        return fail(err, e.getMessage(), EXIT_CANNOT_LISTEN);
      } finally {
        closeDiscovery(hostDiscovery, vertx);
        registry.close();
      }
    }
    return 0;
  }

  /** The configuration file (or the defaults) with the flags applied. */
  private AgentConfig loadConfig() throws ConfigException {
    ConfigLoader loader = new ConfigLoader(EngineProfiles.names());
    return config == null ? loader.defaults(overrides()) : loader.load(config, overrides());
  }

  /** The web configuration file, read again on each reload; none without the flag. */
  private WebConfig loadWebConfig() throws ConfigException {
    return webConfigFile == null ? WebConfig.none() : new WebConfigLoader().load(webConfigFile);
  }

  /**
   * Loads the configuration again for a reload. GPUs and NVML are opened once at start, so a change
   * to them is refused with the reason rather than half applied.
   */
  private AgentPlan replan(
      AgentConfig running, NvmlGpuSource source, List<DiscoveredServer> discovered)
      throws Exception {
    AgentConfig next = loadConfig();
    if (!AgentPlanner.gpuSelection(next.gpus()).equals(AgentPlanner.gpuSelection(running.gpus()))
        || !next.nvml().equals(running.nvml())) {
      throw new IllegalStateException(
          "gpus and nvml are read once at start; restart the agent to change them");
    }
    if (next.discovery().mode() != running.discovery().mode()
        || !next.discovery().interval().equals(running.discovery().interval())) {
      throw new IllegalStateException(
          "discovery.mode and discovery.interval are read once at start; restart the agent to"
              + " change them (exclude, rename and pin reload)");
    }
    return AgentPlanner.plan(next, source.gpus(), discovered, LOG::info);
  }

  private static List<DiscoveredServer> discovered(DiscoveryRefresher discovery) {
    return discovery == null ? List.of() : discovery.current();
  }

  /**
   * One discovery run. A server it cannot see (no permission, another pid namespace, a socket only
   * reachable inside its pod) is the operator's to fix, so each such problem is logged once at
   * warn; every other dropped candidate only at debug.
   */
  private static List<DiscoveredServer> discover(HostDiscovery discovery, Set<String> warned)
      throws Exception {
    DiscoveryResult result = discovery.discover();
    for (DroppedCandidate dropped : result.dropped()) {
      boolean operatorCanFix =
          dropped.reason() == DroppedCandidate.Reason.PERMISSION_DENIED
              || dropped.reason() == DroppedCandidate.Reason.PROCESS_NOT_VISIBLE
              || dropped.reason() == DroppedCandidate.Reason.UNREACHABLE_SOCKET;
      if (operatorCanFix && warned.add(dropped.reason() + " " + dropped.detail())) {
        LOG.warn(
            "discovery cannot reach {}: {} ({})",
            dropped.subject(),
            dropped.detail(),
            dropped.reason().label());
      } else {
        LOG.debug(
            "discovery dropped {}: {} ({})",
            dropped.subject(),
            dropped.detail(),
            dropped.reason().label());
      }
    }
    return result.servers();
  }

  private static void closeDiscovery(HostDiscovery discovery, Vertx vertx) {
    if (discovery != null) {
      discovery.close();
    }
    vertx.close().await();
  }

  /**
   * {@code --check}: the configuration has loaded; prints what the agent would do with it and, when
   * NVML loads, whether the configured GPUs and servers fit this host. NVML being absent or failing
   * to initialise is reported but is no error, since the check is about the configuration.
   */
  private int check(AgentConfig agentConfig, PrintWriter out, PrintWriter err) {
    out.println("configuration: " + (config == null ? "defaults and flags" : config) + " is valid");
    out.println("  listen:    " + agentConfig.listen());
    out.println(
        "  tick:      "
            + DurationSyntax.format(agentConfig.tick())
            + ", window "
            + DurationSyntax.format(agentConfig.window()));
    out.println("  gpus:      " + agentConfig.gpus());
    out.println("  servers:   " + agentConfig.servers().size());
    for (ServerConfig server : agentConfig.servers()) {
      String model = server.model().map(m -> ", model " + m).orElse("");
      out.println("    " + server.name() + " (" + server.engine() + model + ") " + server.url());
    }
    out.println("  economics: " + (agentConfig.economics().isPresent() ? "configured" : "none"));
    out.println("  carbon:    " + (agentConfig.carbon().isPresent() ? "configured" : "none"));
    out.println("  state_dir: " + agentConfig.stateDirectory());
    out.println(
        "  discovery: "
            + (agentConfig.discovery().enabled()
                ? "auto, every " + DurationSyntax.format(agentConfig.discovery().interval())
                : "off"));
    NvmlLibrary library;
    try {
      library = NvmlLoader.loadChosen(agentConfig.nvml().library());
    } catch (NvmlUnavailableException e) {
      out.println("NVML: not available here (" + e.getMessage() + "); GPUs not checked");
      out.flush();
      return 0;
    }
    try (NvmlGpuSource source =
        new NvmlGpuSource(
            library,
            AgentPlanner.gpuSelection(agentConfig.gpus()),
            MonotonicClock.SYSTEM,
            new NvmlCallTimers(Agent.newRegistry()),
            agentConfig.nvml().gaugeRefresh().toNanos() / 1e9)) {
      out.println("NVML: driver " + source.driverVersion() + ", would read:");
      for (GpuIdentity gpu : source.gpus()) {
        out.println("  GPU " + gpu.index() + " " + gpu.uuid() + " " + gpu.model());
      }
      AgentPlanner.plan(agentConfig, source.gpus());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return fail(err, e.getMessage(), EXIT_BAD_CONFIG);
    } catch (PlanException e) {
      return fail(
          err, "the configuration does not fit this host:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    } catch (NvmlException e) {
      out.println("NVML: loaded but not usable here (" + e.getMessage() + "); GPUs not checked");
    }
    out.flush();
    return 0;
  }

  private static int fail(PrintWriter err, String message, int exitCode) {
    err.println("tokenjoule: " + message);
    err.flush();
    return exitCode;
  }

  private List<ConfigOverride> overrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    add(overrides, "listen_address", listenAddress, "--web.listen-address");
    add(overrides, "tick", tick, "--tick");
    add(overrides, "window", window, "--window");
    add(overrides, "gpus", gpus, "--gpus");
    add(overrides, "nvml.library", nvmlLibrary, "--nvml.library");
    add(overrides, "scrape.timeout", scrapeTimeout, "--scrape.timeout");
    return overrides;
  }

  private static void add(List<ConfigOverride> overrides, String key, String value, String flag) {
    if (value != null) {
      overrides.add(new ConfigOverride(key, value, flag));
    }
  }
}
