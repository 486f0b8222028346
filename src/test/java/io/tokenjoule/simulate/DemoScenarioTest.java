package io.tokenjoule.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {

  private final ManualClock clock = new ManualClock(1000);
  private final SimulatedWorld world = DemoScenario.world(clock);

  @Test
  void everyGpuStaysBelowItsPowerLimitSoEnergyStaysLinearInTheTokens() {
    // Mixes and loads change on whole seconds: a read mid-second sees every combination.
    clock.advance(0.5);
    double hottest = 0;
    for (int second = 0; second < 4 * 3600; second++) {
      for (GpuView gpu : world.readGpus()) {
        assertTrue(gpu.watts() < gpu.power().powerLimitWatts(), second + " s: " + gpu);
        hottest = Math.max(hottest, gpu.watts());
      }
      clock.advance(1);
    }
    // The small model at load 0.8 and 4.5 prompt tokens per generated one.
    assertEquals(70 + 0.2 * 1920 + 0.025 * 1920 * 4.5, hottest, 1e-9);
  }

  @Test
  void joulesPerTokenStayWhereTheDemoHasAlwaysShownThem() {
    clock.advance(3600);
    // The last 880 s, nearly all the truth the world keeps: several load and mix cycles.
    GroundTruth small = world.truthBetween(DemoScenario.SMALL_SERVER, 1000 + 2720, 1000 + 3600);
    GroundTruth large = world.truthBetween(DemoScenario.LARGE_SERVER, 1000 + 2720, 1000 + 3600);
    // Before the split model: 0.067 to 0.077 J/token (small, busy) and about 0.29 (large).
    assertTrue(small.joulesPerToken() > 0.06 && small.joulesPerToken() < 0.09, "small " + small);
    assertTrue(large.joulesPerToken() > 0.25 && large.joulesPerToken() < 0.35, "large " + large);
  }

  @Test
  void aSizedNodeSpreadsItsServersOverItsGpusAndStaysUnderThePowerLimit() {
    ManualClock clock = new ManualClock(0);
    SimulatedWorld world = DemoScenario.sized(clock, 8, 12);
    assertEquals(8, world.gpus().size());
    assertEquals(12, world.servers().size());
    assertEquals(List.of(3), world.servers().get(11).gpuIndices());
    for (int second = 0; second < 300; second++) {
      clock.advance(1);
      for (GpuView gpu : world.readGpus()) {
        assertTrue(
            gpu.watts() < 700, "GPU " + gpu.identity().index() + " at " + gpu.watts() + " W");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> DemoScenario.sized(clock, 0, 1));
  }
}
