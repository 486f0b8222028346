package io.tokenjoule.scrape.discovery;

import java.util.List;

/**
 * What one discovery run found: the servers, ordered by name, and every candidate it dropped with
 * the reason, in the order it looked at them.
 */
public record DiscoveryResult(List<DiscoveredServer> servers, List<DroppedCandidate> dropped) {
  public DiscoveryResult {
    servers = List.copyOf(servers);
    dropped = List.copyOf(dropped);
  }
}
