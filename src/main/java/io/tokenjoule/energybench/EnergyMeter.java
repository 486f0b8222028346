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

  /**
   * How old a value may already be when this meter first sees it, beyond what the sampling shows: 0
   * for a counter read directly (a new value appears when the counter updates); the GPU counter's
   * own update period when the value is relayed by an agent that read it earlier.
   */
  default double stalenessSeconds() {
    return 0;
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
