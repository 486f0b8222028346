package io.tokenjoule.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach NVML.
 *
 * @param library the libnvidia-ml name or path to load; empty means {@code libnvidia-ml.so.1} from
 *     the loader path
 * @param gaugeRefresh how often slow gauges (temperature, clocks, memory) are re-read, 0 to 1h;
 *     zero means every tick. Energy is read every tick regardless.
 */
public record NvmlConfig(String library, Duration gaugeRefresh) {

  public static final Duration DEFAULT_GAUGE_REFRESH = Duration.ofSeconds(5);
  public static final Duration MAX_GAUGE_REFRESH = Duration.ofHours(1);

  public NvmlConfig {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(gaugeRefresh, "gaugeRefresh");
    if (gaugeRefresh.isNegative() || gaugeRefresh.compareTo(MAX_GAUGE_REFRESH) > 0) {
      throw new IllegalArgumentException(
          "gauge refresh must be between 0s and 1h, got " + DurationSyntax.format(gaugeRefresh));
    }
  }

  /** The system's libnvidia-ml, slow gauges every 5 s. */
  public static NvmlConfig defaults() {
    return new NvmlConfig("", DEFAULT_GAUGE_REFRESH);
  }
}
