package io.tokenjoule.source;

import oshi.SystemInfo;

/**
 * Facts about the host the agent runs on, read through OSHI.
 *
 * @param hostname the host's name, {@code unknown} when it has none
 * @param os the operating system and its version
 * @param cpu the processor's name
 */
public record HostFacts(String hostname, String os, String cpu) {

  /** Reads the facts now; costs a few milliseconds, so read them once. */
  public static HostFacts read() {
    SystemInfo system = new SystemInfo();
    String hostname = system.getOperatingSystem().getNetworkParams().getHostName();
    return new HostFacts(
        hostname == null || hostname.isBlank() ? "unknown" : hostname,
        system.getOperatingSystem().toString(),
        system.getHardware().getProcessor().getProcessorIdentifier().getName().trim());
  }
}
