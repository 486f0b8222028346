package io.tokenjoule.agent;

import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.config.OtlpExportConfig;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.scrape.ScrapeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent needs to run, resolved and validated: where to listen and how the endpoint
 * is secured, how often to tick, how long the window is, the scrape bounds, the servers with their
 * GPUs, the economics their energy is valued with, where the meters are pushed over OTLP, if
 * anywhere, and the servers whose counters come from inside this process.
 *
 * @param otlp where the meters are pushed over OTLP; empty for nowhere
 * @param podLabels whether server series carry {@code namespace}, {@code pod} and {@code container}
 *     labels (empty for a server in no pod); servers in pods get {@code tokenjoule_pod_info} either
 *     way
 * @param localServers servers read in process (the metering proxy), accounted after {@code servers}
 * @param countHostEnergy whether the host's own energy is charged to the servers besides their
 *     GPUs' ({@code energy.include: [gpu, host]})
 */
public record AgentPlan(
    String listenHost,
    int listenPort,
    WebConfig web,
    Duration tick,
    Duration window,
    ScrapeLimits scrapeLimits,
    List<PlannedServer> servers,
    Optional<Economics> economics,
    Optional<CarbonConfig> carbon,
    BaselinePlan baseline,
    Optional<OtlpExportConfig> otlp,
    boolean podLabels,
    List<LocalServer> localServers,
    boolean countHostEnergy) {
  public AgentPlan {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(scrapeLimits, "scrapeLimits");
    servers = List.copyOf(servers);
    Objects.requireNonNull(economics, "economics");
    Objects.requireNonNull(carbon, "carbon");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(otlp, "otlp");
    localServers = List.copyOf(localServers);
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port must be 0..65535, got " + listenPort);
    }
  }

  /**
   * A plan whose endpoint serves plain HTTP without authentication, pushing nothing over OTLP,
   * without pod labels, local servers or the host's energy.
   */
  public AgentPlan(
      String listenHost,
      int listenPort,
      Duration tick,
      Duration window,
      ScrapeLimits scrapeLimits,
      List<PlannedServer> servers,
      Optional<Economics> economics,
      Optional<CarbonConfig> carbon,
      BaselinePlan baseline) {
    this(
        listenHost,
        listenPort,
        WebConfig.none(),
        tick,
        window,
        scrapeLimits,
        servers,
        economics,
        carbon,
        baseline,
        Optional.empty(),
        false,
        List.of(),
        false);
  }

  /** This plan with its endpoint secured as {@code web} says. */
  public AgentPlan withWeb(WebConfig web) {
    return new Changes(this).web(web).plan();
  }

  /** This plan pushing its meters over OTLP as {@code otlp} says, if present. */
  public AgentPlan withOtlp(Optional<OtlpExportConfig> otlp) {
    return new Changes(this).otlp(otlp).plan();
  }

  /** This plan with pod labels on its server series, or not. */
  public AgentPlan withPodLabels(boolean podLabels) {
    return new Changes(this).podLabels(podLabels).plan();
  }

  /** This plan with {@code local} added to its local servers. */
  public AgentPlan withLocalServer(LocalServer local) {
    List<LocalServer> all = new ArrayList<>(localServers);
    all.add(local);
    return new Changes(this).localServers(all).plan();
  }

  /** This plan with {@code servers} in place of its servers. */
  public AgentPlan withServers(List<PlannedServer> servers) {
    return new Changes(this).servers(servers).plan();
  }

  /** This plan, charging the host's own energy to the servers or not. */
  public AgentPlan withHostEnergy(boolean count) {
    return new Changes(this).countHostEnergy(count).plan();
  }

  /** A copy of a plan's components, some changed; the one place that lists them all. */
  private static final class Changes {
    private final AgentPlan from;
    private WebConfig web;
    private Optional<OtlpExportConfig> otlp;
    private boolean podLabels;
    private List<LocalServer> localServers;
    private boolean countHostEnergy;
    private List<PlannedServer> servers;

    Changes(AgentPlan from) {
      this.from = from;
      this.servers = from.servers;
      this.web = from.web;
      this.otlp = from.otlp;
      this.podLabels = from.podLabels;
      this.localServers = from.localServers;
      this.countHostEnergy = from.countHostEnergy;
    }

    Changes web(WebConfig value) {
      web = value;
      return this;
    }

    Changes otlp(Optional<OtlpExportConfig> value) {
      otlp = value;
      return this;
    }

    Changes podLabels(boolean value) {
      podLabels = value;
      return this;
    }

    Changes localServers(List<LocalServer> value) {
      localServers = value;
      return this;
    }

    Changes servers(List<PlannedServer> value) {
      servers = value;
      return this;
    }

    Changes countHostEnergy(boolean value) {
      countHostEnergy = value;
      return this;
    }

    AgentPlan plan() {
      return new AgentPlan(
          from.listenHost,
          from.listenPort,
          web,
          from.tick,
          from.window,
          from.scrapeLimits,
          servers,
          from.economics,
          from.carbon,
          from.baseline,
          otlp,
          podLabels,
          localServers,
          countHostEnergy);
    }
  }
}
