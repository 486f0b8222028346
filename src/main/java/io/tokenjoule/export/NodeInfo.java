package io.tokenjoule.export;

import io.tokenjoule.source.HostFacts;

/** The labels of {@code tokenjoule_node_info}: the host, and the GPU source the agent reads. */
public record NodeInfo(
    String hostname, String os, String cpu, String driverVersion, String gpuSource) {

  /** The host's facts with the GPU driver version and source label of the GPU source. */
  public static NodeInfo of(HostFacts host, String driverVersion, String gpuSource) {
    return new NodeInfo(host.hostname(), host.os(), host.cpu(), driverVersion, gpuSource);
  }
}
