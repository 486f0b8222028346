package io.tokenjoule.export;

import oshi.SystemInfo;

/** Facts about the host for {@code tokenjoule_node_info}, read once at start through OSHI. */
public record NodeInfo(
    String hostname, String os, String cpu, String driverVersion, String gpuSource) {

  /** Reads the host's facts; the GPU driver version and source come from the GPU source. */
  public static NodeInfo read(String driverVersion, String gpuSource) {
    SystemInfo system = new SystemInfo();
    String hostname = system.getOperatingSystem().getNetworkParams().getHostName();
    return new NodeInfo(
        hostname == null || hostname.isBlank() ? "unknown" : hostname,
        system.getOperatingSystem().toString(),
        system.getHardware().getProcessor().getProcessorIdentifier().getName().trim(),
        driverVersion,
        gpuSource);
  }
}
