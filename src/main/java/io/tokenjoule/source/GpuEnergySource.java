package io.tokenjoule.source;

import java.util.List;

/**
 * Where joules come from: a set of GPUs that can be read together.
 *
 * <p>Implementations are used from one thread at a time (the agent's tick thread). {@link #read()}
 * never throws because one GPU failed: that GPU comes back as {@link GpuReading.Down}.
 */
public interface GpuEnergySource extends EnergySource {

  /** The GPUs this source reads, in index order. Fixed for the life of the source. */
  List<GpuIdentity> gpus();

  /** Reads every GPU now, one reading per entry of {@link #gpus()}, in the same order. */
  List<GpuReading> read();

  /**
   * A reader of these GPUs' per-process SM utilisation, for splitting shared GPUs; {@link
   * ProcessUtilizationSource#NONE} where the source has none. Each call makes a new reader: one per
   * consumer.
   */
  default ProcessUtilizationSource processUtilization() {
    return ProcessUtilizationSource.NONE;
  }

  /** Driver or simulator version, for {@code tokenjoule_node_info}. */
  String driverVersion();
}
