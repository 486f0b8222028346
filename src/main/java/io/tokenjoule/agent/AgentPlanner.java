package io.tokenjoule.agent;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.GpuRef;
import io.tokenjoule.config.GpuSelection;
import io.tokenjoule.config.ListenAddress;
import io.tokenjoule.config.ScrapeConfig;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.scrape.ConfiguredModelProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.source.GpuIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns a validated configuration into an {@link AgentPlan} for the GPUs actually present: every
 * server's GPU references must name one of them. Errors name the configuration line to fix.
 */
public final class AgentPlanner {

  private AgentPlanner() {}

  /** The GPU selection as the GPU source takes it: indices or UUIDs, empty for all. */
  public static List<String> gpuSelection(GpuSelection selection) {
    if (selection instanceof GpuSelection.Listed listed) {
      return listed.refs().stream().map(AgentPlanner::asSelector).toList();
    }
    return List.of();
  }

  /** The host to bind: every interface when the address names none. */
  public static String bindHost(ListenAddress listen) {
    return listen.allInterfaces() ? "0.0.0.0" : listen.host();
  }

  public static ScrapeLimits scrapeLimits(ScrapeConfig scrape) {
    return new ScrapeLimits(
        scrape.timeout().toNanos() / 1e9, scrape.maxBodyBytes(), scrape.maxSeries());
  }

  /**
   * The plan for {@code config} on a host with {@code gpusPresent}; the configuration was validated
   * against {@link EngineProfiles#names()}.
   */
  public static AgentPlan plan(AgentConfig config, List<GpuIdentity> gpusPresent)
      throws PlanException {
    return plan(config, gpusPresent, List.of(), note -> {});
  }

  /**
   * The plan for {@code config} with the servers discovery found joined to the configured ones
   * under the {@code discovery} rules (ignored when discovery is off).
   *
   * @param notes told, one sentence each, which discovered servers were left out or replace a
   *     configured one
   */
  public static AgentPlan plan(
      AgentConfig config,
      List<GpuIdentity> gpusPresent,
      List<DiscoveredServer> discovered,
      Consumer<String> notes)
      throws PlanException {
    List<String> problems = new ArrayList<>();
    List<PlannedServer> servers = new ArrayList<>();
    for (ServerConfig server : config.servers()) {
      List<GpuIdentity> gpus = new ArrayList<>();
      for (GpuRef ref : server.gpus()) {
        GpuIdentity found = find(ref, gpusPresent);
        if (found == null) {
          problems.add(
              ref.location()
                  + ": "
                  + ref.displayName()
                  + " is not among the GPUs the agent reads: "
                  + describe(gpusPresent));
        } else {
          gpus.add(found);
        }
      }
      if (gpus.size() == server.gpus().size()) {
        servers.add(
            new PlannedServer(
                server.name(),
                server.url(),
                ConfiguredModelProfile.naming(ServerProfiles.of(server), server.model()),
                gpus));
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    if (config.discovery().enabled()) {
      DiscoveredServers.Joined joined =
          DiscoveredServers.join(servers, config.discovery(), discovered, gpusPresent);
      servers = new ArrayList<>(joined.servers());
      joined.notes().forEach(notes);
    }
    return new AgentPlan(
        bindHost(config.listen()),
        config.listen().port(),
        config.tick(),
        config.window(),
        scrapeLimits(config.scrape()),
        servers,
        config.economics(),
        config.carbon(),
        new BaselinePlan(
            config.baseline().withSamplePeriodSeconds(config.window().toMillis() / 1000.0),
            Optional.of(config.stateDirectory())));
  }

  private static GpuIdentity find(GpuRef ref, List<GpuIdentity> gpus) {
    String reference = asSelector(ref);
    return gpus.stream().filter(gpu -> gpu.isNamedBy(reference)).findFirst().orElse(null);
  }

  private static String asSelector(GpuRef ref) {
    return ref instanceof GpuRef.Index index ? Integer.toString(index.index()) : ref.displayName();
  }

  private static String describe(List<GpuIdentity> gpus) {
    if (gpus.isEmpty()) {
      return "none";
    }
    return gpus.stream()
        .map(g -> g.index() + " (" + g.uuid() + ")")
        .collect(Collectors.joining(", "));
  }
}
