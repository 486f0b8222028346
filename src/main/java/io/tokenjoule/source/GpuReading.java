package io.tokenjoule.source;

import java.util.Objects;

/**
 * One GPU read at one instant. Times are seconds on the agent's monotonic clock (arbitrary origin,
 * see {@link io.tokenjoule.MonotonicClock}), so readings of GPUs and of inference servers can be
 * compared and aligned.
 */
public sealed interface GpuReading permits GpuReading.Up, GpuReading.Down {

  GpuIdentity gpu();

  /** When the reading was taken: the midpoint of the call(s) that produced it. */
  double timestampSeconds();

  /**
   * A successful reading.
   *
   * @param energyJoules the raw energy counter (joules since an arbitrary origin; it restarts from
   *     zero when the driver reloads). Accounting handles resets.
   * @param energyMethod where the counter comes from
   * @param energyUpdatePeriodSeconds how often the counter moves (NVML: ~0.1 s); the staleness of a
   *     read, used for the uncertainty
   * @param timeUncertaintySeconds half the duration of the read, the spread around the timestamp
   * @param sampledPowerWatts the device's own power reading (a 1 s average on Hopper), NaN if none
   */
  record Up(
      GpuIdentity gpu,
      double timestampSeconds,
      double timeUncertaintySeconds,
      double energyJoules,
      EnergyMethod energyMethod,
      double energyUpdatePeriodSeconds,
      double sampledPowerWatts,
      GpuGauges gauges)
      implements GpuReading {
    public Up {
      Objects.requireNonNull(gpu, "gpu");
      Objects.requireNonNull(energyMethod, "energyMethod");
      Objects.requireNonNull(gauges, "gauges");
      if (!Double.isFinite(energyJoules) || energyJoules < 0) {
        throw new IllegalArgumentException(
            "energyJoules must be finite and >= 0, got "
                + energyJoules
                + " for GPU "
                + gpu.index());
      }
      if (!(energyUpdatePeriodSeconds >= 0) || !(timeUncertaintySeconds >= 0)) {
        throw new IllegalArgumentException("periods must be >= 0 for GPU " + gpu.index());
      }
      if (sampledPowerWatts < 0 || Double.isInfinite(sampledPowerWatts)) {
        throw new IllegalArgumentException(
            "sampledPowerWatts must be finite and >= 0 or NaN, got " + sampledPowerWatts);
      }
    }
  }

  /**
   * The GPU could not be read this time (fell off the bus, driver error). Exported as {@code
   * tokenjoule_gpu_up 0}; the agent carries on.
   *
   * @param reason a short, stable, label-safe reason such as {@code gpu_is_lost}
   * @param detail a human sentence with the library's own message
   */
  record Down(GpuIdentity gpu, double timestampSeconds, String reason, String detail)
      implements GpuReading {
    public Down {
      Objects.requireNonNull(gpu, "gpu");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
