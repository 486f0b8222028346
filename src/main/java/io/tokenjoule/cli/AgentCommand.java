package io.tokenjoule.cli;

import io.tokenjoule.agent.AgentCheck;
import io.tokenjoule.agent.AgentRunner;
import io.tokenjoule.agent.AgentStartException;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigFiles;
import io.tokenjoule.config.ConfigOverride;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.scrape.EngineProfiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
      "Runs the agent: GPU energy from NVML joined with the configured inference servers' token"
          + " counters, served on /metrics. Flags override the configuration file.",
      "Exit codes: 0 stopped cleanly, 1 NVML unavailable, 2 invalid configuration, 4 cannot"
          + " listen on the address. With --check: 0 valid, 2 invalid."
    })
final class AgentCommand implements Callable<Integer> {

  static final int EXIT_NO_NVML = 1;
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_CANNOT_LISTEN = 4;

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
      description = "Where to serve /metrics (default: :9847).")
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
      description = "How often GPUs and servers are read, 100ms to 60s (default: 1s).")
  String tick;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "Sliding window of the J/token gauges, 2 x tick to 24h (default: 60s).")
  String window;

  @Option(
      names = "--gpus",
      paramLabel = "all|LIST",
      description = "GPUs to read: all, or indices/UUIDs like 0,1.")
  String gpus;

  @Option(
      names = "--nvml.library",
      paramLabel = "NAME|PATH",
      description = "libnvidia-ml to load (default: libnvidia-ml.so.1).")
  String nvmlLibrary;

  @Option(
      names = "--scrape.timeout",
      paramLabel = "DURATION",
      description = "Per-scrape timeout (default: 500ms or half the tick, at most the tick).")
  String scrapeTimeout;

  @Option(
      names = "--check",
      description =
          "Validates the configuration, lists the GPUs NVML would read (when NVML loads), prints a"
              + " summary and exits: 0 valid, 2 invalid. A host without NVML is not an error here.")
  boolean check;

  @Override
  public Integer call() {
    logging.apply();
    PrintWriter err = spec.commandLine().getErr();
    ConfigFiles files =
        new ConfigFiles(
            Optional.ofNullable(config),
            overrides(),
            Optional.ofNullable(webConfigFile),
            EngineProfiles.names());
    AgentConfig agentConfig;
    try {
      agentConfig = files.loadConfig();
    } catch (ConfigException e) {
      return fail(err, "invalid configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    WebConfig webConfig;
    try {
      webConfig = files.loadWebConfig();
    } catch (ConfigException e) {
      return fail(err, "invalid web configuration:\n" + e.getMessage(), EXIT_BAD_CONFIG);
    }
    try {
      if (check) {
        AgentCheck.report(agentConfig, files.configName(), spec.commandLine().getOut());
      } else {
        AgentRunner.run(files, agentConfig, webConfig, AgentProxy::start);
      }
      return 0;
    } catch (AgentStartException e) {
      return fail(err, e.getMessage(), exitCode(e.reason()));
    }
  }

  private static int exitCode(AgentStartException.Reason reason) {
    return switch (reason) {
      case NO_ENERGY_SOURCE -> EXIT_NO_NVML;
      case CONFIG_DOES_NOT_FIT -> EXIT_BAD_CONFIG;
      case CANNOT_LISTEN -> EXIT_CANNOT_LISTEN;
    };
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
