package io.tokenjoule.cli;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.energybench.AgentMeter;
import io.tokenjoule.energybench.EnergyMeter;
import io.tokenjoule.energybench.GpuSourceMeter;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import io.tokenjoule.source.nvml.NvmlException;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}'s energy source: local GPUs through NVML, or a tokenjoule agent's counters on the
 * server's host.
 */
final class BenchEnergyOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--gpus",
      paramLabel = "ID",
      split = ",",
      description = "GPUs measured: indices or UUIDs (NVML), gpu labels (--agent); default all.")
  List<String> gpus = new ArrayList<>();

  @Option(
      names = "--agent",
      paramLabel = "URL",
      description =
          "Read energy from a tokenjoule agent's /metrics instead of local NVML, for a server"
              + " on another host.")
  String agent;

  @Option(
      names = "--sample-period",
      paramLabel = "DURATION",
      description =
          "Energy sampling period (default: 100ms with NVML, 250ms with --agent: the agent's"
              + " counter moves once per tick, and sampling faster finds when it moved).")
  String samplePeriod;

  @Option(
      names = "--nvml.library",
      paramLabel = "PATH",
      description = "libnvidia-ml to load (default: the system's).")
  String nvmlLibrary;

  /** The sampling period: as given, else 100 ms with NVML and 250 ms from an agent. */
  double samplePeriodSeconds() {
    return CliArguments.seconds(
        spec,
        "--sample-period",
        samplePeriod == null ? (agent == null ? "100ms" : "250ms") : samplePeriod);
  }

  /** The energy meter, or null after printing why there is none. */
  EnergyMeter meter(Vertx vertx, PrintWriter err) {
    if (agent != null) {
      URI metrics;
      try {
        metrics = new URI(agent);
      } catch (URISyntaxException e) {
        throw usage("--agent: " + e.getMessage());
      }
      if (!"http".equals(metrics.getScheme()) && !"https".equals(metrics.getScheme())) {
        throw usage("--agent must be an http:// or https:// URL, got '" + agent + "'");
      }
      if (metrics.getPath() == null
          || metrics.getPath().isEmpty()
          || metrics.getPath().equals("/")) {
        metrics = metrics.resolve("/metrics");
      }
      return new AgentMeter(
          new MetricsPageClient(vertx, MonotonicClock.SYSTEM), metrics, gpus, 5.0);
    }
    try {
      return new GpuSourceMeter(
          EnergyBackends.nvmlGpus(
              nvmlLibrary, gpus, 1, MonotonicClock.SYSTEM, NvmlCallObserver.NONE));
    } catch (NvmlUnavailableException e) {
      BenchCommand.fail(
          err,
          "no energy source: NVML is not available here ("
              + e.getMessage()
              + "); run on the GPU host, or give --agent URL to read a tokenjoule agent's energy"
              + " counters");
      return null;
    } catch (NvmlException | IllegalArgumentException | IllegalStateException e) {
      BenchCommand.fail(err, "no energy source: " + e.getMessage());
      return null;
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
