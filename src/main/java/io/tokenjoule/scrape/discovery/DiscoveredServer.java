package io.tokenjoule.scrape.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;

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
 */
public record DiscoveredServer(
    String name,
    URI metricsUrl,
    String engine,
    List<String> models,
    List<DiscoveredGpu> gpus,
    int listenerPid,
    List<Integer> gpuPids) {
  public DiscoveredServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(engine, "engine");
    models = List.copyOf(models);
    gpus = List.copyOf(gpus);
    gpuPids = List.copyOf(gpuPids);
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("discovered server " + name + " has no GPU");
    }
  }

  /** The port of {@link #metricsUrl}. */
  public int port() {
    return metricsUrl.getPort();
  }
}
