package io.tokenjoule.agent;

import io.tokenjoule.Seconds;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.GpuRef;
import io.tokenjoule.config.ListenAddress;
import io.tokenjoule.config.ScrapeConfig;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.scrape.ConfiguredModelProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.ScrapeMemoryBudget;
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

  /** The host to bind: every interface when the address names none. */
  public static String bindHost(ListenAddress listen) {
    return listen.allInterfaces() ? "0.0.0.0" : listen.host();
  }

  public static ScrapeLimits scrapeLimits(ScrapeConfig scrape) {
    return new ScrapeLimits(
        Seconds.of(scrape.timeout()),
        scrape.maxBodyBytes(),
        scrape.maxSeries(),
        scrape.series().maxLabelValueBytes(),
        scrape.series().maxLabelsPerSeries(),
        scrape.series().maxModels(),
        scrape.series().maxNewModelsPerScrape(),
        ParserLimits.DEFAULT_MAX_RETAINED_BYTES,
        scrape.maxTokensPerSecond());
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
      try {
        servers.add(
            new PlannedServer(
                server.name(),
                server.url(),
                ConfiguredModelProfile.naming(ServerProfiles.of(server), server.model()),
                resolve(server.gpus(), gpusPresent)));
      } catch (PlanException e) {
        problems.addAll(e.problems());
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
    ScrapeLimits limits;
    try {
      limits =
          ScrapeMemoryBudget.fit(
              scrapeLimits(config.scrape()), Runtime.getRuntime().maxMemory(), servers.size());
    } catch (IllegalArgumentException e) {
      throw new PlanException(List.of(e.getMessage()));
    }
    return new AgentPlan(
            bindHost(config.listen()),
            config.listen().port(),
            config.tick(),
            config.window(),
            limits,
            servers,
            config.economics(),
            config.carbon(),
            new BaselinePlan(
                config.baseline().withSamplePeriodSeconds(Seconds.of(config.window())),
                Optional.of(config.stateDirectory())))
        .withOtlp(config.otlp())
        .withPodLabels(config.kubernetes().labels() && config.kubernetes().enabledHere())
        .withHostEnergy(config.energy().includeHost());
  }

  /**
   * The GPUs {@code refs} name among those present.
   *
   * @throws PlanException naming each reference that is not present
   */
  public static List<GpuIdentity> resolve(List<GpuRef> refs, List<GpuIdentity> gpusPresent)
      throws PlanException {
    List<String> problems = new ArrayList<>();
    List<GpuIdentity> gpus = new ArrayList<>();
    for (GpuRef ref : refs) {
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
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return gpus;
  }

  private static GpuIdentity find(GpuRef ref, List<GpuIdentity> gpus) {
    String reference = ref.selector();
    return gpus.stream().filter(gpu -> gpu.isNamedBy(reference)).findFirst().orElse(null);
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
