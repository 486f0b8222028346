package io.tokenjoule.source;

/**
 * What every energy backend is: a source of energy readings (GPUs through NVML or the simulator;
 * the host's RAPL domains) with the {@code source} label its series carry, opened by {@code
 * io.tokenjoule.energy.EnergyBackends} and closed by whoever asked for it.
 */
public interface EnergySource extends AutoCloseable {

  /** Value of the {@code source} label on every series derived from this source. */
  String sourceLabel();

  /** Releases what the source holds (an NVML session); later reads are not allowed. */
  @Override
  void close();
}
