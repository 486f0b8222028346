package io.tokenjoule.agent;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.kubernetes.PodIdentity;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs discovery every interval and says when its result changed in a way the plan sees (a server's
 * name, URL, engine, GPUs or pod; not its pids or models), so the agent re-plans only then and its
 * series stay put otherwise. A failed run keeps the last result. Not thread-safe: one caller, the
 * agent's main loop.
 */
public final class DiscoveryRefresher {

  /** One discovery run; its exception's message says why it failed. */
  @FunctionalInterface
  public interface Discoverer {
    List<DiscoveredServer> discover() throws Exception;
  }

  private record Identity(
      String name, URI url, String engine, List<String> gpuUuids, Optional<PodIdentity> pod) {}

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryRefresher.class);

  private final Discoverer discoverer;
  private final double intervalSeconds;
  private final MonotonicClock clock;
  private List<DiscoveredServer> current = List.of();
  private List<Identity> identities = List.of();
  private double nextRunSeconds = Double.NEGATIVE_INFINITY;

  public DiscoveryRefresher(Discoverer discoverer, Duration interval, MonotonicClock clock) {
    this.discoverer = Objects.requireNonNull(discoverer, "discoverer");
    this.intervalSeconds = Seconds.of(interval);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The servers the last successful run found; empty before the first. */
  public List<DiscoveredServer> current() {
    return current;
  }

  /**
   * Runs discovery if the interval has passed since the last run (the first call always runs).
   *
   * @return whether the result changed as the plan sees it
   */
  public boolean refreshIfDue() {
    double now = clock.nowSeconds();
    if (now < nextRunSeconds) {
      return false;
    }
    nextRunSeconds = now + intervalSeconds;
    List<DiscoveredServer> found;
    try {
      found = discoverer.discover();
    } catch (Exception e) {
      LOG.warn(
          "discovery failed, keeping the {} server(s) found before: {}",
          current.size(),
          e.getMessage());
      return false;
    }
    current = List.copyOf(found);
    List<Identity> next = current.stream().map(DiscoveryRefresher::identity).toList();
    if (next.equals(identities)) {
      return false;
    }
    identities = next;
    LOG.info(
        "discovery found {} server(s): {}",
        current.size(),
        current.stream().map(s -> s.name() + " " + s.metricsUrl()).toList());
    return true;
  }

  private static Identity identity(DiscoveredServer server) {
    return new Identity(
        server.name(),
        server.metricsUrl(),
        server.engine(),
        server.gpus().stream().map(DiscoveredGpu::uuid).toList(),
        server.pod());
  }
}
