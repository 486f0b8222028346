package io.tokenjoule.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.PlanException;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.config.ConfigOverride;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.export.NvmlCallTimers;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.NvmlLibrary;
import io.tokenjoule.source.nvml.NvmlLoader;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
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
      "4 cannot listen on the address."
    })
final class AgentCommand implements Callable<Integer> {

  static final int EXIT_NO_NVML = 1;
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_CANNOT_LISTEN = 4;

  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Spec CommandSpec spec;

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
          "Prometheus exporter-toolkit web config: TLS, mTLS and basic auth (see agent/web-config.yml).")
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

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig agentConfig;
    try {
      ConfigLoader loader = new ConfigLoader(EngineProfiles.names());
      agentConfig =
          config == null ? loader.defaults(overrides()) : loader.load(config, overrides());
    } catch (ConfigException e) {
      return fail(err, "invalid configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    WebConfig webConfig;
    try {
      webConfig =
          webConfigFile == null ? WebConfig.none() : new WebConfigLoader().load(webConfigFile);
    } catch (ConfigException e) {
      return fail(err, "invalid web configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    NvmlLibrary library;
    try {
      library =
          agentConfig.nvml().defaultLibrary()
              ? NvmlLoader.load()
              : NvmlLoader.load(agentConfig.nvml().library());
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
      AgentPlan plan;
      try {
        plan = AgentPlanner.plan(agentConfig, source.gpus());
      } catch (PlanException e) {
        return fail(
            err, "the configuration does not fit this host:\n" + e.getMessage(), EXIT_BAD_CONFIG);
      }
      Vertx vertx = Vertx.vertx();
      Agent started;
      try {
        started = Agent.start(plan, source, vertx, clock, registry, webConfig);
      } catch (ListenException e) {
        vertx.close().await();
        return fail(err, e.getMessage(), EXIT_CANNOT_LISTEN);
      }
      try (Agent agent = started) {
        LOG.info(
            "listening on {}:{}; reading {} GPU(s) through NVML (driver {}) and {} server(s), tick {}, window {}",
            plan.listenHost(),
            agent.port(),
            source.gpus().size(),
            source.driverVersion(),
            plan.servers().size(),
            plan.tick(),
            plan.window());
        while (!shutdown.await(Duration.ofDays(1))) {
          // runs until SIGINT/SIGTERM
        }
        LOG.info("stopping");
      } finally {
        vertx.close().await();
      }
    }
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
