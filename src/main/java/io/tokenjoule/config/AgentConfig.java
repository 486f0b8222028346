package io.tokenjoule.config;

import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.economics.Economics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's whole configuration, validated: an instance that exists is usable. {@link
 * ConfigLoader} builds it from YAML and flags with precise messages; the checks here only guard
 * against building an invalid one in code.
 *
 * @param listen where {@code /metrics} is served
 * @param tick how often energy and tokens are read, 100 ms to 60 s
 * @param window the sliding window of the J/token gauges, at least 2 x tick and at most 24 h
 * @param gpus which GPUs are read
 * @param nvml how NVML is loaded
 * @param scrape scrape limits; the timeout is at most the tick
 * @param servers the servers to scrape, names unique, each running only on selected GPUs; may be
 *     empty
 * @param economics how energy is valued in money, carbon and water; empty when not configured
 * @param carbon where the grid's carbon intensity comes from; empty when not configured
 * @param baseline how the load-aware baseline learns
 * @param stateDirectory where baselines persist across restarts
 * @param discovery whether the agent finds servers by itself, and the rules for what it finds
 * @param energy what energy counts in J/token, and where the host's is read
 * @param otlp where the meters are pushed over OTLP besides /metrics; empty when not configured
 * @param kubernetes whether discovered servers' pods are resolved, and labelled on their series
 * @param proxy the metering proxy the agent runs, if any
 */
public record AgentConfig(
    ListenAddress listen,
    Duration tick,
    Duration window,
    GpuSelection gpus,
    NvmlConfig nvml,
    ScrapeConfig scrape,
    List<ServerConfig> servers,
    Optional<Economics> economics,
    Optional<CarbonConfig> carbon,
    BaselineSettings baseline,
    Path stateDirectory,
    DiscoveryConfig discovery,
    EnergyConfig energy,
    Optional<OtlpExportConfig> otlp,
    KubernetesConfig kubernetes,
    Optional<ProxyConfig> proxy) {

  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  public static final Duration MIN_TICK = Duration.ofMillis(100);
  public static final Duration MAX_TICK = Duration.ofSeconds(60);

  /** The default window when the tick is 30 s or shorter; see {@link #defaultWindow}. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  public static final Duration MAX_WINDOW = Duration.ofHours(24);

  /** Where the agent keeps its state unless configured otherwise ({@code state_dir}). */
  public static final String DEFAULT_STATE_DIR = "/var/lib/tokenjoule";

  public AgentConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(gpus, "gpus");
    Objects.requireNonNull(nvml, "nvml");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(otlp, "otlp");
    Objects.requireNonNull(scrape, "scrape");
    servers = List.copyOf(servers);
    Objects.requireNonNull(economics, "economics");
    Objects.requireNonNull(carbon, "carbon");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(otlp, "otlp");
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(proxy, "proxy");
    if (tick.compareTo(MIN_TICK) < 0 || tick.compareTo(MAX_TICK) > 0) {
      throw new IllegalArgumentException(
          "tick must be between 100ms and 60s, got " + DurationSyntax.format(tick));
    }
    if (window.compareTo(tick.multipliedBy(2)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "window must be between 2 x tick and 24h, got " + DurationSyntax.format(window));
    }
    if (scrape.timeout().compareTo(tick) > 0) {
      throw new IllegalArgumentException(
          "scrape timeout must be at most tick, got " + DurationSyntax.format(scrape.timeout()));
    }
    Set<String> names = new HashSet<>();
    for (ServerConfig server : servers) {
      if (!names.add(server.name())) {
        throw new IllegalArgumentException("server name " + server.name() + " is used twice");
      }
      for (GpuRef gpu : server.gpus()) {
        if (!gpus.includes(gpu)) {
          throw new IllegalArgumentException(
              "server " + server.name() + " runs on " + gpu.displayName() + ", not selected");
        }
      }
    }
  }

  /**
   * 60 s, or 2 x tick when that is longer, so that a longer tick alone never makes the default
   * window invalid.
   */
  public static Duration defaultWindow(Duration tick) {
    Duration twoTicks = tick.multipliedBy(2);
    return twoTicks.compareTo(DEFAULT_WINDOW) > 0 ? twoTicks : DEFAULT_WINDOW;
  }
}
