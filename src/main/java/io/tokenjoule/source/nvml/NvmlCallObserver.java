package io.tokenjoule.source.nvml;

/**
 * Told the duration of every NVML call, so an exporter can publish NVML latency without this
 * package knowing the metrics library. Called on the thread that made the call; it must be cheap
 * and must not throw.
 */
@FunctionalInterface
public interface NvmlCallObserver {

  /** Ignores every call. */
  NvmlCallObserver NONE = (function, seconds) -> {};

  /**
   * @param function the C function name, for example {@code nvmlDeviceGetFieldValues}
   * @param seconds how long it took on the agent's monotonic clock, whether it succeeded or not
   */
  void onCall(String function, double seconds);
}
