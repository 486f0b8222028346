package io.tokenjoule.agent;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.GpuRef;
import io.tokenjoule.config.GpuSelection;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.source.GpuIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a validated configuration into an {@link AgentPlan} for the GPUs actually present: every
 * server's GPU references must name one of them. Errors name the configuration line to fix.
 */
public final class AgentPlanner {

  private final Map<String, EngineProfile> profiles;

  /**
   * @param profiles the engine profiles by engine name; the configuration was validated against
   *     these names
   */
  public AgentPlanner(Map<String, EngineProfile> profiles) {
    this.profiles = Map.copyOf(profiles);
  }

  /** The GPU selection as the GPU source takes it: indices or UUIDs, empty for all. */
  public static List<String> gpuSelection(GpuSelection selection) {
    if (selection instanceof GpuSelection.Listed listed) {
      return listed.refs().stream().map(AgentPlanner::asSelector).toList();
    }
    return List.of();
  }

  public AgentPlan plan(AgentConfig config, List<GpuIdentity> gpusPresent) throws PlanException {
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
            new PlannedServer(server.name(), server.url(), profiles.get(server.engine()), gpus));
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new AgentPlan(
        config.listen().allInterfaces() ? "0.0.0.0" : config.listen().host(),
        config.listen().port(),
        config.tick(),
        config.window(),
        new ScrapeLimits(
            config.scrape().timeout().toNanos() / 1e9,
            config.scrape().maxBodyBytes(),
            config.scrape().maxSeries()),
        servers);
  }

  private static GpuIdentity find(GpuRef ref, List<GpuIdentity> gpus) {
    for (GpuIdentity gpu : gpus) {
      if (ref instanceof GpuRef.Index index && index.index() == gpu.index()
          || ref instanceof GpuRef.Uuid uuid && uuid.uuid().equalsIgnoreCase(gpu.uuid())) {
        return gpu;
      }
    }
    return null;
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
