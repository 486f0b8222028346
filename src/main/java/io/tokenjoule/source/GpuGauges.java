package io.tokenjoule.source;

/**
 * Instantaneous per-GPU gauges, in SI units. A value the device cannot report is {@code NaN}, never
 * a made-up number such as -1.
 *
 * @param powerLimitWatts the enforced power limit
 * @param temperatureCelsius the GPU core temperature
 * @param utilizationRatio the fraction of the last sample period a kernel ran, 0..1
 * @param smClockHertz the current SM clock
 * @param memoryUsedBytes device memory in use
 * @param memoryTotalBytes device memory installed
 */
public record GpuGauges(
    double powerLimitWatts,
    double temperatureCelsius,
    double utilizationRatio,
    double smClockHertz,
    double memoryUsedBytes,
    double memoryTotalBytes) {

  /** Gauges for a device that reported none of them. */
  public static final GpuGauges UNKNOWN =
      new GpuGauges(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public GpuGauges {
    requireNonNegativeOrNaN("powerLimitWatts", powerLimitWatts);
    requireNonNegativeOrNaN("smClockHertz", smClockHertz);
    requireNonNegativeOrNaN("memoryUsedBytes", memoryUsedBytes);
    requireNonNegativeOrNaN("memoryTotalBytes", memoryTotalBytes);
    if (utilizationRatio < 0 || utilizationRatio > 1) {
      throw new IllegalArgumentException(
          "utilizationRatio must be in [0, 1], got " + utilizationRatio);
    }
  }

  private static void requireNonNegativeOrNaN(String field, double value) {
    if (value < 0 || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be finite and >= 0 or NaN, got " + value);
    }
  }
}
