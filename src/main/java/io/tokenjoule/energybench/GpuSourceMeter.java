package io.tokenjoule.energybench;

import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;

/**
 * The summed energy counters of a {@link GpuEnergySource}'s GPUs (NVML, or simulated GPUs in
 * tests). Each GPU's counter is reset-corrected on its own (a counter that goes down restarted from
 * zero), so one driver reload never shows as negative energy. A GPU that cannot be read fails the
 * whole reading: energy with a GPU missing would be too low.
 */
public final class GpuSourceMeter implements EnergyMeter {

  private final GpuEnergySource source;
  private final double[] lastRaw;
  private final double[] accumulated;
  private boolean first = true;

  public GpuSourceMeter(GpuEnergySource source) {
    this.source = source;
    this.lastRaw = new double[source.gpus().size()];
    this.accumulated = new double[source.gpus().size()];
  }

  @Override
  public Reading read() throws EnergyReadException {
    List<GpuReading> readings = source.read();
    double timeSum = 0;
    for (int i = 0; i < readings.size(); i++) {
      GpuReading reading = readings.get(i);
      if (reading instanceof GpuReading.Down down) {
        throw new EnergyReadException(
            "GPU " + down.gpu().index() + " cannot be read: " + down.detail());
      }
      timeSum += reading.timestampSeconds();
    }
    double total = 0;
    for (int i = 0; i < readings.size(); i++) {
      double raw = ((GpuReading.Up) readings.get(i)).energyJoules();
      if (!first) {
        accumulated[i] += raw >= lastRaw[i] ? raw - lastRaw[i] : raw;
      }
      lastRaw[i] = raw;
      total += accumulated[i];
    }
    first = false;
    return new Reading(timeSum / readings.size(), total);
  }

  @Override
  public String sourceLabel() {
    return source.sourceLabel();
  }

  @Override
  public List<String> gpus() {
    return source.gpus().stream().map(GpuIdentity::index).map(String::valueOf).toList();
  }

  @Override
  public void close() {
    source.close();
  }
}
