package io.tokenjoule.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyBackendsTest {

  @Test
  void aMissingNvmlLibraryIsUnavailableNamingWhatWasTried() {
    String library = "/nonexistent/libnvidia-ml.so.1";
    NvmlUnavailableException gpus =
        assertThrows(
            NvmlUnavailableException.class,
            () ->
                EnergyBackends.nvmlGpus(
                    library, List.of(), 1, MonotonicClock.SYSTEM, NvmlCallObserver.NONE));
    assertTrue(gpus.getMessage().contains(library), gpus.getMessage());
    NvmlUnavailableException processes =
        assertThrows(
            NvmlUnavailableException.class, () -> EnergyBackends.nvmlGpuProcesses(library));
    assertEquals(gpus.getMessage(), processes.getMessage());
  }

  @Test
  void theSimulatorIsOpenedByNameAndSaysSo() {
    SimulatedWorld world = DemoScenario.world(MonotonicClock.SYSTEM);
    try (GpuEnergySource gpus = EnergyBackends.simulatedGpus(world)) {
      assertEquals("simulated", gpus.sourceLabel());
      assertEquals(world.gpus(), gpus.gpus());
      assertEquals(world.gpus().size(), gpus.read().size());
    }
  }
}
