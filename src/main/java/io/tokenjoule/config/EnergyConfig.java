package io.tokenjoule.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What energy counts in J/token and where the host's own energy is read.
 *
 * @param includeHost whether the host's CPU and DRAM energy (RAPL) is charged to the servers
 *     besides their GPUs' ({@code energy.include: [gpu, host]}), for servers that run on the CPU
 *     too
 * @param powercapDir where the kernel's powercap zones are ({@code /sys/class/powercap}; another
 *     path where the host's {@code /sys} is mounted elsewhere)
 */
public record EnergyConfig(boolean includeHost, Path powercapDir) {

  /** The kernel's powercap directory. */
  public static final Path DEFAULT_POWERCAP_DIR = Path.of("/sys/class/powercap");

  public EnergyConfig {
    Objects.requireNonNull(powercapDir, "powercapDir");
  }

  /** GPU energy only; the host's read where the kernel has it. */
  public static EnergyConfig defaults() {
    return new EnergyConfig(false, DEFAULT_POWERCAP_DIR);
  }
}
