package io.tokenjoule.source.nvml;

import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.ProcessUtilization;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-process SM utilisation from {@code nvmlDeviceGetProcessUtilization}. Each read asks, per GPU,
 * for the samples newer than the newest one the previous read saw (NVML's {@code
 * lastSeenTimeStamp}), and reports each process's mean {@code smUtil} over its samples, as a ratio.
 * A process that was busy in only some of the driver's sample periods has no sample in the others,
 * so its mean is over its busy periods: an overestimate for an intermittent process, which matters
 * only relative to the processes it shares the GPU with.
 *
 * <p>A GPU where the feature is {@link NvmlException#isUnavailable() unavailable} ({@code
 * NOT_SUPPORTED}: older boards, MIG mode; {@code NO_PERMISSION}; an old driver) is not asked again,
 * with one log line; other failures leave the GPU out of that read only (its energy reading reports
 * the GPU's health). Not thread-safe: one caller, the tick.
 */
public final class NvmlProcessUtilization implements ProcessUtilizationSource {

  private static final Logger LOG = LoggerFactory.getLogger(NvmlProcessUtilization.class);

  private final Nvml nvml;
  private final Map<GpuIdentity, NvmlDevice> devices;
  private final Map<GpuIdentity, Long> lastSeenMicros = new HashMap<>();

  /**
   * @param devices the handles of the GPUs to read, valid for this NVML session
   */
  public NvmlProcessUtilization(Nvml nvml, Map<GpuIdentity, NvmlDevice> devices) {
    this.nvml = nvml;
    this.devices = new LinkedHashMap<>(devices);
  }

  @Override
  public Map<String, ProcessUtilization> read() {
    Map<String, ProcessUtilization> byUuid = new LinkedHashMap<>();
    for (GpuIdentity gpu : List.copyOf(devices.keySet())) {
      NvmlProcessUtilizationSample[] samples;
      try {
        samples = nvml.processUtilization(devices.get(gpu), lastSeenMicros.getOrDefault(gpu, 0L));
      } catch (NvmlException e) {
        if (e.isUnavailable()) {
          LOG.info(
              "GPU {} gives no per-process utilisation ({}); servers sharing it are split by"
                  + " tokens",
              gpu.index(),
              e.getMessage());
          devices.remove(gpu);
        }
        continue;
      }
      if (samples.length > 0) {
        byUuid.put(gpu.uuid(), meanSmRatios(gpu, samples));
      }
    }
    return byUuid;
  }

  private ProcessUtilization meanSmRatios(GpuIdentity gpu, NvmlProcessUtilizationSample[] samples) {
    Map<Long, double[]> sumAndCount = new HashMap<>();
    long newest = lastSeenMicros.getOrDefault(gpu, 0L);
    for (NvmlProcessUtilizationSample sample : samples) {
      double[] acc =
          sumAndCount.computeIfAbsent(Integer.toUnsignedLong(sample.pid), pid -> new double[2]);
      acc[0] += Integer.toUnsignedLong(sample.smUtil) / 100.0;
      acc[1]++;
      if (Long.compareUnsigned(sample.timeStamp, newest) > 0) {
        newest = sample.timeStamp;
      }
    }
    lastSeenMicros.put(gpu, newest);
    Map<Long, Double> ratios = new HashMap<>();
    sumAndCount.forEach((pid, acc) -> ratios.put(pid, acc[0] / acc[1]));
    return new ProcessUtilization(gpu.uuid(), ratios);
  }
}
