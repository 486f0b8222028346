package io.tokenjoule.account;

import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;

/** Readings for accounting tests: exact timestamps, no time uncertainty unless asked for. */
final class TestReadings {

  static final GpuGauges GAUGES = new GpuGauges(700, 60, 0.5, 1.98e9, 4e10, 8e10);
  static final double UPDATE_PERIOD = 0.1;
  static final double SAMPLED_POWER = 250;

  private TestReadings() {}

  static GpuIdentity gpu(int index) {
    return new GpuIdentity(index, "GPU-" + index, "NVIDIA H100 80GB HBM3");
  }

  static GpuReading.Up up(GpuIdentity gpu, double seconds, double joules) {
    return new GpuReading.Up(
        gpu, seconds, 0, joules, EnergyMethod.COUNTER, UPDATE_PERIOD, SAMPLED_POWER, GAUGES);
  }

  static GpuReading.Down down(GpuIdentity gpu, double seconds) {
    return new GpuReading.Down(gpu, seconds, "gpu_is_lost", "GPU has fallen off the bus");
  }

  /** One model {@code m} with 3 running requests, token resolution 5. */
  static ServerReading scrape(double seconds, double prompt, double generated, double requests) {
    return scrape(seconds, 0, 5, new ModelCounters("m", prompt, generated, requests, 3));
  }

  static ServerReading scrape(
      double seconds, double timeUncertainty, double tokenResolution, ModelCounters... models) {
    return new ServerReading(
        seconds, timeUncertainty, new EngineCounters(List.of(models), tokenResolution, false));
  }
}
