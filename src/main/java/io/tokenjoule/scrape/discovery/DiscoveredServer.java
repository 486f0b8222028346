package io.tokenjoule.scrape.discovery;

import io.tokenjoule.kubernetes.PodIdentity;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An inference server found running on this host's GPUs.
 *
 * @param name a stable name, {@code <engine>-<port>}, so that re-running discovery on an unchanged
 *     host gives the same names (and the same series)
 * @param metricsUrl where its metrics page answered
 * @param engine the engine profile that recognised the page
 * @param models the models the page reports, possibly empty
 * @param gpus the GPUs its processes run on, by index: a tensor-parallel group lists all of them
 * @param listenerPid the process that owns the listening socket
 * @param gpuPids the processes with a compute context on {@code gpus}, ascending
 * @param pod the Kubernetes pod and container it runs in, when known
 */
public record DiscoveredServer(
    String name,
    URI metricsUrl,
    String engine,
    List<String> models,
    List<DiscoveredGpu> gpus,
    int listenerPid,
    List<Integer> gpuPids,
    Optional<PodIdentity> pod) {
  public DiscoveredServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(engine, "engine");
    models = List.copyOf(models);
    gpus = List.copyOf(gpus);
    gpuPids = List.copyOf(gpuPids);
    Objects.requireNonNull(pod, "pod");
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("discovered server " + name + " has no GPU");
    }
  }

  /** A server found outside Kubernetes, or before its pod is known. */
  public DiscoveredServer(
      String name,
      URI metricsUrl,
      String engine,
      List<String> models,
      List<DiscoveredGpu> gpus,
      int listenerPid,
      List<Integer> gpuPids) {
    this(name, metricsUrl, engine, models, gpus, listenerPid, gpuPids, Optional.empty());
  }

  /** The same server, in {@code pod}. */
  public DiscoveredServer inPod(PodIdentity pod) {
    return new DiscoveredServer(
        name, metricsUrl, engine, models, gpus, listenerPid, gpuPids, Optional.of(pod));
  }

  /** The port of {@link #metricsUrl}. */
  public int port() {
    return metricsUrl.getPort();
  }
}
