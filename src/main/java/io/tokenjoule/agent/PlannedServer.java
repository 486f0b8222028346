package io.tokenjoule.agent;

import io.tokenjoule.kubernetes.PodIdentity;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.source.GpuIdentity;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A server the agent will scrape, with its GPUs resolved against the GPUs actually present.
 *
 * @param pids the ids of its processes on its GPUs, which split a shared GPU by per-process SM
 *     utilisation; empty when unknown (a configured server until {@link ConfiguredServerPids} finds
 *     them by its listening port)
 * @param pod the Kubernetes pod and container it runs in, when known (a discovered server on a node
 *     where pods are resolved)
 */
public record PlannedServer(
    String name,
    URI metricsUrl,
    EngineProfile profile,
    List<GpuIdentity> gpus,
    Set<Long> pids,
    Optional<PodIdentity> pod) {
  public PlannedServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(profile, "profile");
    gpus = List.copyOf(gpus);
    pids = Set.copyOf(pids);
    Objects.requireNonNull(pod, "pod");
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("server " + name + " needs at least one GPU");
    }
  }

  /** A server in no known pod. */
  public PlannedServer(
      String name, URI metricsUrl, EngineProfile profile, List<GpuIdentity> gpus, Set<Long> pids) {
    this(name, metricsUrl, profile, gpus, pids, Optional.empty());
  }

  /** A server whose processes are not known. */
  public PlannedServer(String name, URI metricsUrl, EngineProfile profile, List<GpuIdentity> gpus) {
    this(name, metricsUrl, profile, gpus, Set.of());
  }
}
