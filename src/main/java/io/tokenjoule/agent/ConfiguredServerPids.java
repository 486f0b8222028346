package io.tokenjoule.agent;

import io.tokenjoule.scrape.discovery.ListenerProcesses;
import io.tokenjoule.scrape.discovery.ListenerProcesses.Resolution;
import io.tokenjoule.source.GpuIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gives the servers of a plan whose processes are not known (configured servers) the processes
 * listening on their URL's port and running on their GPUs, so that a GPU they share is split by
 * per-process SM utilisation as discovered servers' are. A server whose processes cannot be found
 * keeps none and is split by tokens; each server's outcome is told once, and again when it changes.
 * Used from the thread that plans.
 */
final class ConfiguredServerPids {

  private final ListenerProcesses listeners;
  private final Consumer<String> notes;
  private final Map<String, String> told = new HashMap<>();
  private final Map<String, Attached> attached = new HashMap<>();

  private record Attached(PlannedServer server, java.util.Set<Long> pids) {}

  /**
   * @param notes told one sentence per server whose outcome is new
   */
  ConfiguredServerPids(ListenerProcesses listeners, Consumer<String> notes) {
    this.listeners = listeners;
    this.notes = notes;
  }

  /** {@code plan} with the processes of its servers that had none, where they can be found. */
  AgentPlan attach(AgentPlan plan) {
    List<PlannedServer> servers = new ArrayList<>(plan.servers().size());
    attached.clear();
    for (PlannedServer server : plan.servers()) {
      if (!server.pids().isEmpty()) {
        servers.add(server);
        continue;
      }
      Resolution found = resolve(server);
      attached.put(server.name(), new Attached(server, found.pids()));
      String outcome =
          found.pids().isEmpty()
              ? "server "
                  + server.name()
                  + ": a shared GPU is split by tokens, as its processes are not known: "
                  + found.whyNot()
              : "server "
                  + server.name()
                  + ": processes "
                  + found.pids()
                  + " found by its listening port; a shared GPU is split by SM utilisation";
      if (!outcome.equals(told.put(server.name(), outcome))) {
        notes.accept(outcome);
      }
      servers.add(
          new PlannedServer(
              server.name(),
              server.metricsUrl(),
              server.profile(),
              server.gpus(),
              found.pids(),
              server.pod()));
    }
    return plan.withServers(servers);
  }

  /**
   * Whether the processes of a server given them by the last {@link #attach} are no longer those
   * found now (the server restarted, or came up after the plan): the plan should be made again.
   */
  boolean moved() {
    for (Attached server : attached.values()) {
      if (!resolve(server.server()).pids().equals(server.pids())) {
        return true;
      }
    }
    return false;
  }

  private Resolution resolve(PlannedServer server) {
    return listeners.resolve(
        server.metricsUrl(), server.gpus().stream().map(GpuIdentity::uuid).toList());
  }
}
