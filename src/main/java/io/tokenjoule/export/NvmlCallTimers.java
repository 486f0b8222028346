package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokenjoule.Seconds;
import io.tokenjoule.source.nvml.NvmlCallObserver;

/**
 * Publishes every NVML call's latency as {@code tokenjoule_nvml_call_duration_seconds{function}}.
 */
public final class NvmlCallTimers implements NvmlCallObserver {

  private final MeterRegistry registry;

  public NvmlCallTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onCall(String function, double seconds) {
    // Looked up on every call rather than cached: an agent that is reloaded removes the meters
    // registered during its life, and the next one must find this timer again. The lookup costs
    // about a microsecond against the call's milliseconds.
    Timer.builder("tokenjoule.nvml.call.duration")
        .description("Duration of NVML calls, by C function.")
        .tag("function", function)
        .register(registry)
        .record(Seconds.toDuration(seconds));
  }
}
