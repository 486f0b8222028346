package io.tokenjoule.source;

import java.util.Map;
import java.util.Objects;

/**
 * How busy each process kept one GPU's streaming multiprocessors over the interval since the
 * previous read of the same {@link ProcessUtilizationSource}.
 *
 * @param gpuUuid the physical GPU ({@code GPU-...}); under MIG the parent GPU
 * @param smRatioByPid per process id, the fraction of the interval (0 to 1, NVML's percent / 100)
 *     its kernels occupied the SMs; the ratios of several processes may add up to more than 1 when
 *     their kernels overlap. Processes without a sample in the interval are absent.
 */
public record ProcessUtilization(String gpuUuid, Map<Long, Double> smRatioByPid) {

  public ProcessUtilization {
    Objects.requireNonNull(gpuUuid, "gpuUuid");
    smRatioByPid = Map.copyOf(smRatioByPid);
    for (Map.Entry<Long, Double> entry : smRatioByPid.entrySet()) {
      double ratio = entry.getValue();
      if (!(ratio >= 0) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(
            "SM utilisation of pid " + entry.getKey() + " must be finite and >= 0, got " + ratio);
      }
    }
  }

  /** The summed SM ratio of {@code pids} (those without a sample count 0). */
  public double smRatioOf(Iterable<Long> pids) {
    double sum = 0;
    for (Long pid : pids) {
      sum += smRatioByPid.getOrDefault(pid, 0.0);
    }
    return sum;
  }

  /** The summed SM ratio of every process on the GPU. */
  public double totalSmRatio() {
    double sum = 0;
    for (double ratio : smRatioByPid.values()) {
      sum += ratio;
    }
    return sum;
  }
}
