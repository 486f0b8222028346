package io.tokenjoule.scrape.discovery;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.GpuProcesses.GpuProcessesUnavailableException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * Discovery wired to this host: GPU processes as given (NVML's), processes from OSHI, listening
 * sockets from OSHI in the agent's own network namespace and from {@code /proc/<pid>/net} in any
 * other (a pod's, seen with hostPID), ports probed over HTTP with each engine profile's metrics
 * paths. Owns its HTTP client; close it when done. Thread-safe; runs are independent.
 */
public final class HostDiscovery implements AutoCloseable {

  /** Pages probed are cut off here: a metrics page is far smaller. */
  static final long MAX_PROBE_BODY_BYTES = 16L << 20;

  private final MetricsPageClient client;
  private final Discovery discovery;

  private HostDiscovery(MetricsPageClient client, Discovery discovery) {
    this.client = client;
    this.discovery = discovery;
  }

  /**
   * @param gpus each GPU's compute processes (NVML's, from {@code EnergyBackends})
   * @param vertx the event loop the probes run on; not closed here
   * @param probeTimeout the most one metrics path may take to answer
   */
  public static HostDiscovery open(GpuProcesses gpus, Vertx vertx, Duration probeTimeout) {
    MonotonicClock clock = MonotonicClock.SYSTEM;
    OperatingSystem os = new SystemInfo().getOperatingSystem();
    Path proc = Path.of("/proc");
    MetricsPageClient client = new MetricsPageClient(vertx, clock);
    ScrapeLimits limits =
        new ScrapeLimits(
            Seconds.of(probeTimeout), MAX_PROBE_BODY_BYTES, ParserLimits.DEFAULT.maxSeries());
    Discovery discovery =
        new Discovery(
            new OshiProcessTable(os, clock, 1.0),
            new ProcNamespaceSockets(proc, new OshiListeningSockets(os, proc)),
            gpus,
            new MetricsPortProber(client, limits, MetricsPortProber.metricsPaths()));
    return new HostDiscovery(client, discovery);
  }

  /**
   * Runs discovery once; blocks for the probes.
   *
   * @throws GpuProcessesUnavailableException when NVML cannot list the GPUs' processes
   */
  public DiscoveryResult discover() throws GpuProcessesUnavailableException {
    return discovery.discover();
  }

  @Override
  public void close() {
    client.close();
  }
}
