package io.tokenjoule;

/**
 * The values of the {@code source} label, which says where a series' numbers come from. Shared by
 * the energy backends that set it, the simulator that writes it on its pages, the profiles that
 * read it there, and the meters that export it.
 */
public final class SourceLabel {

  /** The label's name, on the agent's series and on a simulated server's page. */
  public static final String NAME = "source";

  /** GPUs read through NVIDIA NVML. */
  public static final String NVML = "nvml";

  /** tokenjoule's simulator: simulated GPUs, or a simulated server's page. */
  public static final String SIMULATED = "simulated";

  /** The host's RAPL energy counters (powercap). */
  public static final String RAPL = "rapl";

  private SourceLabel() {}
}
