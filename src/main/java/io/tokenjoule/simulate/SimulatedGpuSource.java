package io.tokenjoule.simulate;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.SourceLabel;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated GPUs as a {@link GpuEnergySource}, for the demo and for tests: every series derived
 * from it says {@code source="simulated"}. It is never used in place of NVML: the agent reads it
 * only when told to run the demo.
 */
public final class SimulatedGpuSource implements GpuEnergySource {

  private static final double GIB = 1024.0 * 1024 * 1024;

  private final SimulatedWorld world;
  private final MonotonicClock clock;

  public SimulatedGpuSource(SimulatedWorld world) {
    this.world = world;
    this.clock = world.clock();
  }

  @Override
  public String sourceLabel() {
    return SourceLabel.SIMULATED;
  }

  @Override
  public List<GpuIdentity> gpus() {
    return world.gpus();
  }

  @Override
  public List<GpuReading> read() {
    double now = clock.nowSeconds();
    List<GpuView> views = world.readGpus();
    List<GpuReading> readings = new ArrayList<>(views.size());
    for (GpuView view : views) {
      if (view.lost()) {
        readings.add(
            new GpuReading.Down(
                view.identity(), now, "gpu_is_lost", "simulated GPU fell off the bus"));
        continue;
      }
      readings.add(
          new GpuReading.Up(
              view.identity(),
              now,
              0,
              view.counterJoules(),
              EnergyMethod.COUNTER,
              SimulatedWorld.COUNTER_UPDATE_SECONDS,
              view.watts(),
              gauges(view)));
    }
    return readings;
  }

  private static GpuGauges gauges(GpuView view) {
    double limit = view.power().powerLimitWatts();
    return new GpuGauges(
        limit,
        30 + 50 * view.watts() / limit,
        view.load(),
        view.load() > 0 ? 1.98e9 : 0.345e9,
        (view.load() > 0 ? 72 : 70) * GIB,
        80 * GIB);
  }

  @Override
  public ProcessUtilizationSource processUtilization() {
    return new SimulatedProcessUtilization(world);
  }

  @Override
  public String driverVersion() {
    return "simulated";
  }

  @Override
  public void close() {}
}
