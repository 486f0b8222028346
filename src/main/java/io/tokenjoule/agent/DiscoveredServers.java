package io.tokenjoule.agent;

import io.tokenjoule.config.DiscoveryConfig;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.source.GpuIdentity;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joins discovered servers to the configured ones under the {@code discovery} rules: excluded ones
 * are left out, renamed ones take their new name, and one at the same URL as a configured server
 * replaces it (keeping the configured name, so its series go on) unless that server is pinned.
 * Stateless and thread-safe.
 */
final class DiscoveredServers {

  /** The servers to scrape, and a sentence for each discovered server left out or replacing one. */
  record Joined(List<PlannedServer> servers, List<String> notes) {
    Joined {
      servers = List.copyOf(servers);
      notes = List.copyOf(notes);
    }
  }

  private DiscoveredServers() {}

  static Joined join(
      List<PlannedServer> configured,
      DiscoveryConfig rules,
      List<DiscoveredServer> discovered,
      List<GpuIdentity> gpusPresent) {
    List<PlannedServer> servers = new ArrayList<>(configured);
    List<String> notes = new ArrayList<>();
    Set<String> pinned = Set.copyOf(rules.pin());
    Set<String> discoveredNames = new HashSet<>();
    for (DiscoveredServer found : discovered) {
      String label = found.name() + " (" + found.metricsUrl() + ")";
      if (rules.excludes(found.port(), found.engine())) {
        notes.add("discovered " + label + " is excluded by discovery.exclude");
        continue;
      }
      Optional<EngineProfile> profile = EngineProfiles.byName(found.engine());
      List<GpuIdentity> gpus = resolve(found.gpus(), gpusPresent);
      if (profile.isEmpty() || gpus.size() != found.gpus().size()) {
        notes.add(
            "discovered "
                + label
                + " is left out: "
                + (profile.isEmpty()
                    ? "no engine profile " + found.engine()
                    : "it runs on a GPU the agent does not read (see gpus)"));
        continue;
      }
      Optional<PlannedServer> sameUrl =
          servers.stream().filter(s -> sameTarget(s.metricsUrl(), found.metricsUrl())).findFirst();
      if (sameUrl.isPresent() && pinned.contains(sameUrl.get().name())) {
        notes.add("discovered " + label + " is left out: " + sameUrl.get().name() + " is pinned");
        continue;
      }
      String name = sameUrl.map(PlannedServer::name).orElse(rules.nameFor(found.name()));
      if (sameUrl.isEmpty()
          && (discoveredNames.contains(name)
              || servers.stream().anyMatch(s -> s.name().equals(name)))) {
        notes.add(
            "discovered " + label + " is left out: the name " + name + " is taken; rename it");
        continue;
      }
      if (sameUrl.isPresent()) {
        servers.remove(sameUrl.get());
        notes.add(
            "discovered "
                + label
                + " replaces configured "
                + name
                + " with its GPUs "
                + gpus.stream().map(g -> Integer.toString(g.index())).toList());
      }
      discoveredNames.add(name);
      // A configured server's profile knows what discovery cannot (a model name, a generic block).
      EngineProfile reading = sameUrl.map(PlannedServer::profile).orElse(profile.get());
      // The GPU processes let a GPU shared with other servers be split by SM utilisation.
      Set<Long> pids =
          found.gpuPids().stream().map(Integer::longValue).collect(Collectors.toUnmodifiableSet());
      servers.add(new PlannedServer(name, found.metricsUrl(), reading, gpus, pids, found.pod()));
    }
    return new Joined(servers, notes);
  }

  private static List<GpuIdentity> resolve(List<DiscoveredGpu> wanted, List<GpuIdentity> present) {
    List<GpuIdentity> gpus = new ArrayList<>();
    for (DiscoveredGpu gpu : wanted) {
      present.stream().filter(p -> p.isNamedBy(gpu.uuid())).findFirst().ifPresent(gpus::add);
    }
    return gpus;
  }

  /** Same scheme, port and path; loopback names and addresses count as one host. */
  static boolean sameTarget(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && port(a) == port(b)
        && a.getRawPath().equals(b.getRawPath())
        && (host(a).equals(host(b)) || (isLoopback(host(a)) && isLoopback(host(b))));
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static String host(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1");
  }
}
