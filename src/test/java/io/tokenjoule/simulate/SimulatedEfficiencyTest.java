package io.tokenjoule.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedEfficiencyTest {

  private final ManualClock clock = new ManualClock(1000);
  private final SimulatedWorld world =
      new SimulatedWorld(
          clock,
          () -> 1.7e9,
          "Sim GPU",
          List.of(new PowerModel(100, 400, 700)),
          List.of(
              new EngineModel(
                  "srv",
                  "model-a",
                  List.of(0),
                  1000,
                  2.0,
                  100,
                  50,
                  1,
                  LoadSchedule.constant(0.5))));

  @Test
  void aFactorRaisesTheTrueEnergyPerTokenByExactlyThatAtTheSameLoad() {
    clock.advance(10);
    GroundTruth before = world.truthBetween("srv", 1000, 1010);
    // 100 + 400 × 0.5 = 300 W; 1000 × 0.5 = 500 generated tokens/s.
    assertEquals(0.6, before.joulesPerGeneratedToken(), 1e-12);

    world.setEfficiency("srv", 1.15);
    clock.advance(10);
    GroundTruth after = world.truthBetween("srv", 1010, 1020);
    assertEquals(3000, after.energyJoules(), 1e-6);
    assertEquals(5000 / 1.15, after.generatedTokens(), 1e-6);
    assertEquals(10_000 / 1.15, after.promptTokens(), 1e-6);
    assertEquals(0.6 * 1.15, after.joulesPerGeneratedToken(), 1e-12);
    assertEquals(1.15, after.joulesPerToken() / before.joulesPerToken(), 1e-12);
    assertEquals(25, world.readServer("srv").runningRequests());
    assertEquals(300, world.readGpus().get(0).watts(), 1e-9);

    world.setEfficiency("srv", 1);
    clock.advance(10);
    assertEquals(0.6, world.truthBetween("srv", 1020, 1030).joulesPerGeneratedToken(), 1e-12);
  }

  @Test
  void nonsenseFactorsAndUnknownServersAreRefused() {
    for (double factor : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> world.setEfficiency("srv", factor));
    }
    assertThrows(IllegalArgumentException.class, () -> world.setEfficiency("nope", 1.1));
  }
}
