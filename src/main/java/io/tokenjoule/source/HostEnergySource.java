package io.tokenjoule.source;

import java.util.List;

/**
 * The host's own energy, by domain (CPU packages, DRAM, ...), as opposed to the GPUs'.
 *
 * <p>Used from one thread at a time (the agent's tick thread). {@link #read()} never throws because
 * a domain cannot be read: that domain comes back as {@link HostReading.Down}.
 */
public interface HostEnergySource extends EnergySource {

  /** The domains this source reads, fixed for the life of the source. */
  List<HostDomain> domains();

  /** Reads every domain now, one reading per entry of {@link #domains()}, in the same order. */
  List<HostReading> read();
}
