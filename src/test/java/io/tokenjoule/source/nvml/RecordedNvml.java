package io.tokenjoule.source.nvml;

import io.tokenjoule.MonotonicClock;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The real NVML source over a fake binding with one GPU whose energy counter answers from a
 * recording: the production code from the JNA seam up reads it as it would a GPU.
 */
public final class RecordedNvml {

  private RecordedNvml() {}

  /**
   * @param energyMillijoules what {@code nvmlDeviceGetTotalEnergyConsumption} answers at each read
   * @param clock the agent's clock, which stamps the readings
   */
  public static NvmlGpuSource oneGpu(
      String uuid, String name, LongSupplier energyMillijoules, MonotonicClock clock) {
    FakeNvmlLibrary library = new FakeNvmlLibrary(new FakeNvmlLibrary.FakeClock(0));
    library.callSeconds = 0;
    library.addGpu(uuid, name).energyReader = energyMillijoules;
    return new NvmlGpuSource(library, List.of(), clock, NvmlCallObserver.NONE, 10);
  }
}
