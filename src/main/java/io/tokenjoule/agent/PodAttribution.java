package io.tokenjoule.agent;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.config.KubernetesConfig;
import io.tokenjoule.kubernetes.ContainerLogLinks;
import io.tokenjoule.kubernetes.GracePeriod;
import io.tokenjoule.kubernetes.PodResolver;
import io.tokenjoule.kubernetes.PodResolver.Resolution;
import io.tokenjoule.kubernetes.PodResourcesClient;
import io.tokenjoule.kubernetes.ProcCgroups;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts discovered servers in their Kubernetes pods ({@link PodResolver}) and keeps a server whose
 * pod is gone for the grace period ({@link GracePeriod}), so that its last counters are scraped and
 * series of pods that come and go stay bounded. A server that is in a pod that cannot be named is
 * kept without one, and the reason is logged once at warn. Not thread-safe: one caller, the
 * discovery refresher. Closing it closes the pod-resources client.
 */
public final class PodAttribution implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodAttribution.class);

  /** How many gone pods' servers are kept at once, whatever the grace period. */
  static final int MAX_GONE_KEPT = 256;

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final PodResolver resolver;
  private final PodResourcesClient client;
  private final GracePeriod<DiscoveredServer> grace;
  private final MonotonicClock clock;
  private final Set<String> warned = new HashSet<>();

  PodAttribution(
      PodResolver resolver, PodResourcesClient client, Duration grace, MonotonicClock clock) {
    this.resolver = resolver;
    this.client = client;
    this.grace =
        new GracePeriod<>(
            grace.toNanos() / 1e9, MAX_GONE_KEPT, s -> s.name() + " " + s.metricsUrl());
    this.clock = clock;
  }

  /**
   * Pod attribution as {@code config} says, reading cgroups under {@code proc}; the pod-resources
   * socket is connected at the first call.
   */
  public static PodAttribution open(KubernetesConfig config, Path proc, MonotonicClock clock) {
    PodResourcesClient client = new PodResourcesClient(config.podResourcesSocket(), CALL_TIMEOUT);
    PodResolver resolver =
        new PodResolver(
            new ProcCgroups(proc), new ContainerLogLinks(config.containerLogs()), client);
    return new PodAttribution(resolver, client, config.gonePodGrace(), clock);
  }

  /** The servers of one discovery run in their pods, and gone pods' servers still in grace. */
  public List<DiscoveredServer> attach(List<DiscoveredServer> found) {
    PodResolver.Run run = resolver.newRun();
    List<DiscoveredServer> hosts = new ArrayList<>();
    List<DiscoveredServer> inPods = new ArrayList<>();
    for (DiscoveredServer server : found) {
      List<Integer> pids = new ArrayList<>();
      pids.add(server.listenerPid());
      pids.addAll(server.gpuPids());
      Resolution where =
          run.resolve(pids, server.gpus().stream().map(DiscoveredGpu::uuid).toList());
      if (where instanceof Resolution.Found pod) {
        inPods.add(server.inPod(pod.pod()));
      } else {
        if (where instanceof Resolution.Unresolved unknown
            && warned.add(server.name() + " " + unknown.reason())) {
          LOG.warn(
              "{} ({}) runs in pod {}, which cannot be named: {}",
              server.name(),
              server.metricsUrl(),
              unknown.podUid(),
              unknown.reason());
        }
        hosts.add(server);
      }
    }
    List<DiscoveredServer> all = new ArrayList<>(hosts);
    all.addAll(grace.apply(inPods, clock.nowSeconds()));
    return all;
  }

  @Override
  public void close() {
    client.close();
  }
}
