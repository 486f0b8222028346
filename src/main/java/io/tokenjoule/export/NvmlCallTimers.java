package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes every NVML call's latency as {@code tokenjoule_nvml_call_duration_seconds{function}}.
 */
public final class NvmlCallTimers implements NvmlCallObserver {

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public NvmlCallTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onCall(String function, double seconds) {
    timers
        .computeIfAbsent(
            function,
            f ->
                Timer.builder("tokenjoule.nvml.call.duration")
                    .description("Duration of NVML calls, by C function.")
                    .tag("function", f)
                    .register(registry))
        .record(Duration.ofNanos(Math.round(seconds * 1e9)));
  }
}
