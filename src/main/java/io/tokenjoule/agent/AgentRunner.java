package io.tokenjoule.agent;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.AgentStartException.Reason;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigFiles;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.export.NvmlCallTimers;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.scrape.discovery.DiscoveryResult;
import io.tokenjoule.scrape.discovery.HostDiscovery;
import io.tokenjoule.scrape.discovery.ListenerProcesses;
import io.tokenjoule.scrape.discovery.OshiProcessTable;
import io.tokenjoule.scrape.discovery.PortOwner;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.HostReading;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;

/**
 * {@code tokenjoule agent} from a loaded configuration to a clean stop: opens NVML and the GPUs,
 * discovery when the configuration asks for it, and a {@link ReloadableAgent} on the plan; reloads
 * on SIGHUP, on {@code POST /-/reload} and when discovery's result changes; stops on SIGTERM or
 * SIGINT, closing everything it opened. One instance per run, used from the calling thread.
 */
public final class AgentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private final ConfigFiles files;
  private final AgentConfig started;
  private final GpuEnergySource source;
  private final DiscoveryRefresher discovery;
  private final AgentExtension extension;
  private final ConfiguredServerPids configuredPids;

  /** How often configured servers' processes are looked up again. */
  private static final Duration PID_CHECK_INTERVAL = Duration.ofSeconds(30);

  private long lastPidCheckNanos = System.nanoTime();

  private AgentRunner(
      ConfigFiles files,
      AgentConfig started,
      GpuEnergySource source,
      DiscoveryRefresher discovery,
      AgentExtension extension,
      ConfiguredServerPids configuredPids) {
    this.files = files;
    this.configuredPids = configuredPids;
    this.started = started;
    this.source = source;
    this.discovery = discovery;
    this.extension = extension;
  }

  /**
   * Runs the agent until SIGTERM or SIGINT.
   *
   * @param files where the configuration is loaded again on each reload
   * @param config the configuration as loaded at start
   * @param web the web configuration as loaded at start
   * @param extensions what the agent runs beside itself (the metering proxy), started once
   * @throws AgentStartException when NVML cannot be loaded, the configuration does not fit this
   *     host, or the endpoint cannot listen (at start, or after a reload on neither address)
   */
  public static void run(
      ConfigFiles files, AgentConfig config, WebConfig web, AgentExtension.Starter extensions)
      throws AgentStartException {
    MonotonicClock clock = MonotonicClock.SYSTEM;
    PrometheusMeterRegistry registry = Agent.newRegistry();
    GpuEnergySource source;
    GpuProcesses gpuProcesses;
    try {
      source = EnergyBackends.nvmlGpus(config, clock, new NvmlCallTimers(registry));
      gpuProcesses =
          config.discovery().enabled()
              ? EnergyBackends.nvmlGpuProcesses(config.nvml().library())
              : null;
    } catch (NvmlUnavailableException e) {
      throw new AgentStartException(Reason.NO_ENERGY_SOURCE, e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new AgentStartException(Reason.CONFIG_DOES_NOT_FIT, e.getMessage(), e);
    }
    warnIfCarbonAlone(config);
    Optional<HostEnergySource> host = openHost(config.energy().powercapDir(), clock);
    ConfiguredServerPids configuredPids = configuredPids(gpuProcesses, config, clock);
    // The signal is closed last, so a SIGTERM waits for NVML's shutdown too.
    try (ShutdownSignal shutdown = new ShutdownSignal();
        source) {
      Vertx vertx = AgentVertx.create();
      HostDiscovery hostDiscovery =
          gpuProcesses == null
              ? null
              : HostDiscovery.open(gpuProcesses, vertx, config.scrape().timeout());
      // On a Kubernetes node, discovered servers are put in their pods (labels, pod_info).
      PodAttribution pods =
          hostDiscovery != null && config.kubernetes().enabledHere()
              ? PodAttribution.open(config.kubernetes(), Path.of("/proc"), clock)
              : null;
      AgentExtension extension = AgentExtension.NONE;
      try {
        extension = extensions.start(config, vertx, registry);
        DiscoveryRefresher discovery =
            hostDiscovery == null
                ? null
                : new DiscoveryRefresher(
                    inPods(pods, discoverer(hostDiscovery)), config.discovery().interval(), clock);
        AgentRunner runner =
            new AgentRunner(files, config, source, discovery, extension, configuredPids);
        ReloadSignal reload = new ReloadSignal();
        AgentRuntime runtime =
            new AgentRuntime(
                source, host, vertx, clock, Clock.systemUTC(), registry, reload::request);
        runner.serve(runner.firstPlan(web), runtime, shutdown, reload);
      } catch (ListenException e) {
        throw new AgentStartException(Reason.CANNOT_LISTEN, e.getMessage(), e);
      } finally {
        extension.close();
        if (hostDiscovery != null) {
          hostDiscovery.close();
        }
        if (pods != null) {
          pods.close();
        }
        vertx.close().await();
        host.ifPresent(HostEnergySource::close);
        registry.close();
      }
    }
  }

  /** Carbon figures are computed with the money figures: alone, carbon exports the intensity. */
  private static void warnIfCarbonAlone(AgentConfig config) {
    if (config.carbon().isPresent() && config.economics().isEmpty()) {
      LOG.warn(
          "carbon is configured without economics: only the grid intensity is exported; carbon"
              + " per token and tokenjoule_server_carbon_grams_total need an economics section too");
    }
  }

  /**
   * The host's RAPL zones, read once to say in one line what cannot be measured: no zones at all (a
   * virtual machine), or counters only root may read.
   */
  private static Optional<HostEnergySource> openHost(Path powercapDir, MonotonicClock clock) {
    Optional<HostEnergySource> host;
    try {
      host = EnergyBackends.raplHost(powercapDir, clock);
    } catch (IOException e) {
      LOG.warn("host energy is not measured: cannot list {}: {}", powercapDir, e.getMessage());
      return Optional.empty();
    }
    if (host.isEmpty()) {
      LOG.info("host energy is not measured: no RAPL zones under {}", powercapDir);
      return host;
    }
    List<String> denied = new ArrayList<>();
    String detail = "";
    for (HostReading reading : host.get().read()) {
      if (reading instanceof HostReading.Down down && down.reason().equals("permission_denied")) {
        denied.add(down.domain().name());
        detail = down.detail();
      }
    }
    if (!denied.isEmpty()) {
      LOG.info(
          "host energy of {} is not readable (tokenjoule_host_energy_up 0): {}", denied, detail);
    }
    return host;
  }

  /**
   * Finds configured servers' processes by their listening ports, on Linux with NVML's process list
   * (opened here when discovery did not open it); null where either is missing, and then configured
   * servers sharing a GPU are split by tokens.
   */
  private static ConfiguredServerPids configuredPids(
      GpuProcesses discoveryProcesses, AgentConfig config, MonotonicClock clock) {
    Path proc = Path.of("/proc");
    if (config.servers().isEmpty() || !Files.isDirectory(proc.resolve("net"))) {
      return null;
    }
    GpuProcesses gpus = discoveryProcesses;
    if (gpus == null) {
      try {
        gpus = EnergyBackends.nvmlGpuProcesses(config.nvml().library());
      } catch (NvmlUnavailableException | RuntimeException e) {
        LOG.info(
            "configured servers sharing a GPU are split by tokens: NVML's process list is not"
                + " available ({})",
            e.getMessage());
        return null;
      }
    }
    return new ConfiguredServerPids(
        new ListenerProcesses(
            new PortOwner(proc),
            new OshiProcessTable(new SystemInfo().getOperatingSystem(), clock, 1.0),
            gpus),
        LOG::info);
  }

  private AgentPlan withPids(AgentPlan plan) {
    return configuredPids == null ? plan : configuredPids.attach(plan);
  }

  private AgentPlan firstPlan(WebConfig web) throws AgentStartException {
    try {
      if (discovery != null) {
        discovery.refreshIfDue();
      }
      return extension
          .join(
              withPids(AgentPlanner.plan(started, source.gpus(), discovered(), LOG::info)),
              source.gpus())
          .withWeb(web);
    } catch (PlanException e) {
      throw AgentStartException.doesNotFit(e);
    }
  }

  private void serve(
      AgentPlan plan, AgentRuntime runtime, ShutdownSignal shutdown, ReloadSignal reload)
      throws AgentStartException {
    try (ReloadableAgent agent = ReloadableAgent.start(plan, runtime, this::replan)) {
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
        if (reload.take() || rediscovered || pidsMoved()) {
          agent.reload();
        }
      }
      LOG.info("stopping");
    } catch (ListenException e) {
      throw new AgentStartException(Reason.CANNOT_LISTEN, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Every {@link #PID_CHECK_INTERVAL}, whether a configured server's processes changed (it
   * restarted): SM shares of processes that exited would charge it nothing.
   */
  private boolean pidsMoved() {
    long now = System.nanoTime();
    if (configuredPids == null || now - lastPidCheckNanos < PID_CHECK_INTERVAL.toNanos()) {
      return false;
    }
    lastPidCheckNanos = now;
    return configuredPids.moved();
  }

  /**
   * Loads the configuration and the web configuration again for a reload. GPUs, NVML and the
   * discovery schedule are opened once at start, so a change to them is refused with the reason
   * rather than half applied.
   */
  private AgentPlan replan() throws Exception {
    AgentConfig next = files.loadConfig();
    extension.checkUnchanged(next);
    warnIfCarbonAlone(next);
    if (!next.gpus().selectors().equals(started.gpus().selectors())
        || !next.nvml().equals(started.nvml())) {
      throw new IllegalStateException(
          "gpus and nvml are read once at start; restart the agent to change them");
    }
    if (!next.energy().powercapDir().equals(started.energy().powercapDir())) {
      throw new IllegalStateException(
          "energy.powercap_dir is read once at start; restart the agent to change it");
    }
    if (next.discovery().mode() != started.discovery().mode()
        || !next.discovery().interval().equals(started.discovery().interval())) {
      throw new IllegalStateException(
          "discovery.mode and discovery.interval are read once at start; restart the agent to"
              + " change them (exclude, rename and pin reload)");
    }
    if (!next.kubernetes().withLabels(true).equals(started.kubernetes().withLabels(true))) {
      throw new IllegalStateException(
          "kubernetes is read once at start but for kubernetes.labels; restart the agent to"
              + " change the rest");
    }
    AgentPlan plan =
        extension.join(
            withPids(AgentPlanner.plan(next, source.gpus(), discovered(), LOG::info)),
            source.gpus());
    WebConfig web;
    try {
      web = files.loadWebConfig();
    } catch (Exception e) {
      throw new IllegalStateException("web configuration: " + e.getMessage(), e);
    }
    return plan.withWeb(web);
  }

  private static DiscoveryRefresher.Discoverer inPods(
      PodAttribution pods, DiscoveryRefresher.Discoverer discoverer) {
    return pods == null ? discoverer : () -> pods.attach(discoverer.discover());
  }

  private List<DiscoveredServer> discovered() {
    return discovery == null ? List.of() : discovery.current();
  }

  /**
   * One discovery run at a time, each dropped candidate told as {@link DroppedCandidateLog} says.
   */
  private static DiscoveryRefresher.Discoverer discoverer(HostDiscovery discovery) {
    DroppedCandidateLog log = new DroppedCandidateLog();
    return () -> {
      DiscoveryResult result = discovery.discover();
      log.tell(result.dropped());
      return result.servers();
    };
  }
}
