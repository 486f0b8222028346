package io.tokenjoule.agent;

import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.source.GpuIdentity;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** A server the agent will scrape, with its GPUs resolved against the GPUs actually present. */
public record PlannedServer(
    String name, URI metricsUrl, EngineProfile profile, List<GpuIdentity> gpus) {
  public PlannedServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(profile, "profile");
    gpus = List.copyOf(gpus);
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("server " + name + " needs at least one GPU");
    }
  }
}
