package io.tokenjoule.energybench;

/**
 * Reads a cumulative energy counter covering the GPUs under test. Used from the sampler's one
 * thread.
 */
public interface EnergyMeter extends AutoCloseable {

  /** One reading: joules since an arbitrary origin, at a time on the monotonic clock. */
  record Reading(double timestampSeconds, double joules) {}

  /**
   * Reads now.
   *
   * @throws EnergyReadException when the counter cannot be read this time
   */
  Reading read() throws EnergyReadException;

  /** What is measured, for result.json: {@code nvml}, {@code agent}, {@code simulated}. */
  String sourceLabel();

  /** Where the energy is read from when that is a URL (a remote agent's page); null otherwise. */
  default String location() {
    return null;
  }

  /** The GPUs measured, as the source names them (indices or labels). */
  java.util.List<String> gpus();

  @Override
  void close();

  /** A failed read, with a human reason. */
  final class EnergyReadException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnergyReadException(String message) {
      super(message);
    }
  }
}
