package io.tokenjoule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.scrape.discovery.DiscoveryResult;
import io.tokenjoule.scrape.discovery.DroppedCandidate;
import io.tokenjoule.scrape.discovery.HostDiscovery;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.GpuProcesses.GpuProcessesUnavailableException;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule discover}: the inference servers running on this host's GPUs, found from the
 * GPUs' compute processes, and every candidate dropped with the reason.
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finds the inference servers running on this host's GPUs: each GPU's compute processes,"
          + " their process tree, its listening ports, and the metrics page each port serves."
          + " Prints what it found and why each other candidate was dropped.",
      "Exit codes: 0 at least one server found, 1 NVML unavailable or cannot list GPU processes,"
          + " 3 no server found."
    })
final class DiscoverCommand implements Callable<Integer> {

  static final int EXIT_NO_GPU_PROCESSES = 1;
  static final int EXIT_NONE_FOUND = 3;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Option(
      names = "--nvml.library",
      paramLabel = "NAME|PATH",
      description = "libnvidia-ml to load (default: libnvidia-ml.so.1).")
  String nvmlLibrary;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description =
          "The most one port's metrics path may take to answer (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Duration probeTimeout = CliArguments.duration(spec, "--timeout", timeout);
    DiscoveryResult result;
    try {
      GpuProcesses gpus = EnergyBackends.nvmlGpuProcesses(nvmlLibrary);
      Vertx vertx = Vertx.vertx();
      try (HostDiscovery discovery = HostDiscovery.open(gpus, vertx, probeTimeout)) {
        result = discovery.discover();
      } finally {
        vertx.close().await();
      }
    } catch (NvmlUnavailableException | GpuProcessesUnavailableException e) {
      err.println("tokenjoule discover: cannot list the GPUs' processes: " + e.getMessage());
      err.flush();
      return EXIT_NO_GPU_PROCESSES;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? toJson(result) + "\n" : toText(result));
    out.flush();
    return result.servers().isEmpty() ? EXIT_NONE_FOUND : 0;
  }

  static String toText(DiscoveryResult result) {
    StringBuilder text = new StringBuilder();
    text.append("servers found: ").append(result.servers().size()).append('\n');
    for (DiscoveredServer server : result.servers()) {
      text.append("  ")
          .append(server.name())
          .append("  ")
          .append(server.engine())
          .append("  ")
          .append(server.metricsUrl())
          .append("  gpus ")
          .append(server.gpus().stream().map(g -> g.index() + " (" + g.uuid() + ")").toList())
          .append("  pid ")
          .append(server.listenerPid())
          .append(", gpu pids ")
          .append(server.gpuPids())
          .append("  models ")
          .append(server.models().isEmpty() ? "none" : String.join(", ", server.models()))
          .append('\n');
    }
    text.append("candidates dropped: ").append(result.dropped().size()).append('\n');
    for (DroppedCandidate dropped : result.dropped()) {
      text.append("  ")
          .append(dropped.reason().label())
          .append("  ")
          .append(dropped.subject())
          .append(": ")
          .append(dropped.detail())
          .append('\n');
    }
    return text.toString();
  }

  static String toJson(DiscoveryResult result) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("servers", result.servers().stream().map(DiscoverCommand::server).toList());
    root.put(
        "dropped",
        result.dropped().stream()
            .map(
                d -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("reason", d.reason().label());
                  entry.put("subject", d.subject());
                  entry.put("detail", d.detail());
                  return entry;
                })
            .toList());
    return new ObjectMapper().writeValueAsString(root);
  }

  private static Map<String, Object> server(DiscoveredServer server) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", server.name());
    entry.put("url", server.metricsUrl().toString());
    entry.put("engine", server.engine());
    entry.put("models", server.models());
    entry.put("gpus", server.gpus().stream().map(DiscoverCommand::gpu).toList());
    entry.put("listener_pid", server.listenerPid());
    entry.put("gpu_pids", server.gpuPids());
    return entry;
  }

  private static Map<String, Object> gpu(DiscoveredGpu gpu) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("index", gpu.index());
    entry.put("uuid", gpu.uuid());
    return entry;
  }
}
