package io.tokenjoule.agent;

import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.scrape.ScrapeLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent needs to run, resolved and validated: where to listen, how often to tick,
 * how long the window is, the scrape bounds, the servers with their GPUs, and the economics their
 * energy is valued with.
 */
public record AgentPlan(
    String listenHost,
    int listenPort,
    Duration tick,
    Duration window,
    ScrapeLimits scrapeLimits,
    List<PlannedServer> servers,
    Optional<Economics> economics,
    Optional<CarbonConfig> carbon,
    BaselinePlan baseline) {
  public AgentPlan {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(scrapeLimits, "scrapeLimits");
    servers = List.copyOf(servers);
    Objects.requireNonNull(economics, "economics");
    Objects.requireNonNull(carbon, "carbon");
    Objects.requireNonNull(baseline, "baseline");
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port must be 0..65535, got " + listenPort);
    }
  }
}
