package io.tokenjoule.source.nvml;

import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow gauges of one GPU (temperature, utilization, SM clock, memory, enforced power limit),
 * read with one NVML call each at most every {@code refreshSeconds} and reused in between.
 *
 * <p>A gauge the device cannot provide ({@link NvmlReturn#isUnavailable() unavailable}) is switched
 * off with one log line and reported as {@code NaN} from then on. A broken error propagates as
 * {@link NvmlException}. Not thread-safe.
 */
final class NvmlGaugeReader {

  private static final Logger LOG = LoggerFactory.getLogger(NvmlGaugeReader.class);

  private enum Gauge {
    POWER_LIMIT("power limit"),
    TEMPERATURE("temperature"),
    UTILIZATION("utilization"),
    SM_CLOCK("SM clock"),
    MEMORY("memory");

    final String description;

    Gauge(String description) {
      this.description = description;
    }
  }

  private final Nvml nvml;
  private final NvmlDevice device;
  private final GpuIdentity gpu;
  private final double refreshSeconds;
  private final Set<Gauge> unavailable = EnumSet.noneOf(Gauge.class);
  private GpuGauges cached;
  private double cachedAtSeconds;
  private boolean cachedReadPowerLimit;

  /**
   * @param refreshSeconds how long read gauges are reused, seconds; 0 reads them on every call
   */
  NvmlGaugeReader(Nvml nvml, NvmlDevice device, GpuIdentity gpu, double refreshSeconds) {
    if (!(refreshSeconds >= 0) || Double.isInfinite(refreshSeconds)) {
      throw new IllegalArgumentException(
          "gauge refresh must be finite and >= 0 seconds, got " + refreshSeconds);
    }
    this.nvml = nvml;
    this.device = device;
    this.gpu = gpu;
    this.refreshSeconds = refreshSeconds;
  }

  /**
   * The gauges at {@code nowSeconds}, refreshed if the cache is older than the refresh interval.
   *
   * @param fieldPowerLimitWatts the enforced limit already read this tick through field values, or
   *     {@code NaN} to read it here with the other gauges
   */
  GpuGauges gauges(double nowSeconds, double fieldPowerLimitWatts) {
    boolean readPowerLimit = Double.isNaN(fieldPowerLimitWatts);
    if (cached == null
        || nowSeconds - cachedAtSeconds >= refreshSeconds
        || (readPowerLimit && !cachedReadPowerLimit)) {
      cached = refresh(readPowerLimit);
      cachedAtSeconds = nowSeconds;
      cachedReadPowerLimit = readPowerLimit;
    }
    if (readPowerLimit) {
      return cached;
    }
    return new GpuGauges(
        fieldPowerLimitWatts,
        cached.temperatureCelsius(),
        cached.utilizationRatio(),
        cached.smClockHertz(),
        cached.memoryUsedBytes(),
        cached.memoryTotalBytes());
  }

  /** Drops the cache, so the next {@link #gauges} reads the device again. */
  void invalidate() {
    cached = null;
  }

  private GpuGauges refresh(boolean readPowerLimit) {
    double limitWatts =
        readPowerLimit
            ? read(Gauge.POWER_LIMIT, d -> nvml.enforcedPowerLimitMilliwatts(d) / 1000.0)
            : Double.NaN;
    double celsius = read(Gauge.TEMPERATURE, nvml::gpuTemperatureCelsius);
    double ratio = read(Gauge.UTILIZATION, d -> percentToRatio(nvml.gpuUtilizationPercent(d)));
    double hertz =
        read(Gauge.SM_CLOCK, d -> nvml.clockMegahertz(d, NvmlLibrary.NVML_CLOCK_SM) * 1e6);
    double usedBytes = Double.NaN;
    double totalBytes = Double.NaN;
    if (!unavailable.contains(Gauge.MEMORY)) {
      try {
        NvmlMemory memory = nvml.memory(device);
        usedBytes = NvmlValue.unsignedToDouble(memory.used);
        totalBytes = NvmlValue.unsignedToDouble(memory.total);
      } catch (NvmlException e) {
        switchOff(Gauge.MEMORY, e);
      }
    }
    return new GpuGauges(limitWatts, celsius, ratio, hertz, usedBytes, totalBytes);
  }

  private double read(Gauge gauge, ToDoubleFunction<NvmlDevice> call) {
    if (unavailable.contains(gauge)) {
      return Double.NaN;
    }
    try {
      return call.applyAsDouble(device);
    } catch (NvmlException e) {
      switchOff(gauge, e);
      return Double.NaN;
    }
  }

  private void switchOff(Gauge gauge, NvmlException e) {
    if (!e.isUnavailable()) {
      throw e;
    }
    unavailable.add(gauge);
    LOG.info(
        "GPU {} ({}): {} is not available ({}), reported as NaN",
        gpu.index(),
        gpu.uuid(),
        gauge.description,
        e.getMessage());
  }

  private static double percentToRatio(long percent) {
    // A percentage above 100 is a driver glitch; NaN rather than a made-up clamp.
    return percent <= 100 ? percent / 100.0 : Double.NaN;
  }
}
