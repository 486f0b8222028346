package io.tokenjoule.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedWorldTest {

  private static final PowerModel POWER = new PowerModel(100, 400, 700);

  private final ManualClock clock = new ManualClock(1000);

  private SimulatedWorld world(LoadSchedule schedule) {
    EngineModel server =
        new EngineModel("srv", "model-a", List.of(0, 1), 1000, 2.0, 100, 50, 2, schedule);
    return new SimulatedWorld(
        clock, () -> 1.7e9, "Sim GPU", List.of(POWER, POWER, POWER), List.of(server));
  }

  @Test
  void steadyLoadBurnsKnownEnergyAndProducesKnownTokens() {
    SimulatedWorld world = world(LoadSchedule.constant(0.5));
    clock.advance(10);
    // 2 GPUs at 100 + 400 * 0.5 = 300 W for 10 s; 1000 * 0.5 tokens/s for 10 s.
    GroundTruth truth = world.truthBetween("srv", 1000, 1010);
    assertEquals(6000, truth.energyJoules(), 1e-6);
    assertEquals(5000, truth.generatedTokens(), 1e-6);
    assertEquals(10000, truth.promptTokens(), 1e-6);
    assertEquals(1.2, truth.joulesPerGeneratedToken(), 1e-9);
    assertEquals(0.4, truth.joulesPerToken(), 1e-9);
    EngineView view = world.readServer("srv");
    assertEquals(5000, view.generatedTokens());
    assertEquals(10000, view.promptTokens());
    assertEquals(50, view.requests());
    assertEquals(25, view.runningRequests());
  }

  @Test
  void idleGpuWithoutServerDrawsIdlePower() {
    SimulatedWorld world = world(LoadSchedule.constant(1));
    clock.advance(2);
    GpuView idle = world.readGpus().get(2);
    assertEquals(100, idle.watts(), 1e-9);
    assertEquals(200, idle.counterJoules(), 1e-9);
    assertEquals(500, world.readGpus().get(0).watts(), 1e-9);
  }

  @Test
  void energyCounterMovesOnlyEveryHundredMilliseconds() {
    SimulatedWorld world = world(LoadSchedule.constant(0));
    clock.advance(0.19);
    assertEquals(10.0, world.readGpus().get(0).counterJoules(), 1e-9);
    clock.advance(0.02);
    assertEquals(20.0, world.readGpus().get(0).counterJoules(), 1e-9);
  }

  @Test
  void tokenCountersMoveOncePerStepInWholeTokens() {
    SimulatedWorld world = world(LoadSchedule.constant(0.77));
    clock.advance(0.03); // one full step of 0.02 s: 1000 * 0.77 * 0.02 = 15.4 tokens
    assertEquals(15, world.readServer("srv").generatedTokens());
    clock.advance(0.005); // still inside the second step
    assertEquals(15, world.readServer("srv").generatedTokens());
  }

  @Test
  void restartZeroesPublishedCountersButNotTheTruth() {
    SimulatedWorld world = world(LoadSchedule.constant(1));
    clock.advance(5);
    world.restartServer("srv");
    clock.advance(1);
    assertEquals(1000, world.readServer("srv").generatedTokens());
    assertEquals(6000, world.truthBetween("srv", 1000, 1006).generatedTokens(), 1e-6);
  }

  @Test
  void stoppedServerDoesNoWorkAndPublishesNothing() {
    SimulatedWorld world = world(LoadSchedule.constant(1));
    clock.advance(1);
    world.setServerAvailable("srv", false);
    assertNull(world.readServer("srv"));
    clock.advance(1);
    assertEquals(0, world.truthBetween("srv", 1001, 1002).generatedTokens(), 1e-9);
    assertEquals(200, world.truthBetween("srv", 1001, 1002).energyJoules(), 1e-6);
  }

  @Test
  void lostGpuKeepsIntegratingAndDriverReloadRestartsCounters() {
    SimulatedWorld world = world(LoadSchedule.constant(0));
    world.setGpuLost(1, true);
    clock.advance(1);
    assertTrue(world.readGpus().get(1).lost());
    world.setGpuLost(1, false);
    assertEquals(100, world.readGpus().get(1).counterJoules(), 1e-9);
    world.reloadDriver();
    assertEquals(0, world.readGpus().get(1).counterJoules(), 1e-9);
    clock.advance(1);
    assertEquals(100, world.readGpus().get(1).counterJoules(), 1e-9);
  }

  @Test
  void truthInterpolatesWithinAStepAndRefusesTheUnknown() {
    SimulatedWorld world = world(LoadSchedule.constant(1));
    clock.advance(1);
    assertEquals(5.0, world.truthBetween("srv", 1000.5, 1000.505).energyJoules(), 1e-9);
    clock.advance(0.01); // inside the step in progress: the last step's rate carries on
    assertEquals(510, world.truthBetween("srv", 1000.5, 1001.01).energyJoules(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> world.truthBetween("srv", 990, 1000.5));
    assertThrows(IllegalArgumentException.class, () -> world.truthBetween("nope", 1000, 1000.5));
  }

  @Test
  void cycleSchedulePlaysPhasesInOrder() {
    LoadSchedule cycle =
        LoadSchedule.cycle(List.of(new LoadSchedule.Phase(10, 0.8), new LoadSchedule.Phase(5, 0)));
    assertEquals(0.8, cycle.loadAt(0));
    assertEquals(0.8, cycle.loadAt(9.99));
    assertEquals(0, cycle.loadAt(10));
    assertEquals(0.8, cycle.loadAt(15));
    assertThrows(IllegalArgumentException.class, () -> LoadSchedule.constant(1.5));
  }

  @Test
  void tokenEnergyServerDrawsIdlePlusItsTokensSpreadOverItsGpus() {
    EngineModel server =
        new EngineModel(
            "srv",
            "m",
            List.of(0, 1),
            1000,
            MixSchedule.constant(2),
            100,
            50,
            1,
            LoadSchedule.constant(0.5),
            new TokenEnergy(0.05, 0.4));
    SimulatedWorld world =
        new SimulatedWorld(clock, () -> 0, "g", List.of(POWER, POWER), List.of(server));
    clock.advance(10);
    // 500 generated and 1000 prompt tokens/s: 0.4 × 500 + 0.05 × 1000 = 250 W over two GPUs.
    GpuView gpu = world.readGpus().get(1);
    assertEquals(100 + 125, gpu.watts(), 1e-9);
    assertEquals(0.5, gpu.load(), 1e-12);
    assertEquals(2250, gpu.counterJoules(), 1e-6);
    GroundTruth truth = world.truthBetween("srv", 1000, 1010);
    assertEquals(2 * 2250, truth.energyJoules(), 1e-6);
    assertEquals(10_000, truth.promptTokens(), 1e-6);
    assertEquals(5_000, truth.generatedTokens(), 1e-6);
  }

  @Test
  void theMixScheduleSetsThePromptTokensOverTime() {
    EngineModel server =
        new EngineModel(
            "srv",
            "m",
            List.of(0),
            1000,
            MixSchedule.cycle(1, List.of(1.0, 3.0)),
            100,
            50,
            1,
            LoadSchedule.constant(1),
            new TokenEnergy(0.1, 0.2));
    SimulatedWorld world = new SimulatedWorld(clock, () -> 0, "g", List.of(POWER), List.of(server));
    clock.advance(1.5);
    // 1000 prompt tokens/s in the first second (400 W), then 3000/s: 100 + 0.1 × 3000 + 0.2 × 1000.
    assertEquals(1000 + 1500, world.readServer("srv").promptTokens());
    assertEquals(1500, world.readServer("srv").generatedTokens());
    assertEquals(100 + 500, world.readGpus().get(0).watts(), 1e-9);
    assertEquals(400 + 0.5 * 600, world.truthBetween("srv", 1000, 1001.5).energyJoules(), 1e-6);
  }

  @Test
  void serversDrawingByLoadAndByTokensShareAGpuAndItsLimit() {
    EngineModel byLoad =
        new EngineModel("load", "m", List.of(0), 1000, 1, 100, 50, 1, LoadSchedule.constant(0.5));
    EngineModel byTokens =
        new EngineModel(
            "tokens",
            "m",
            List.of(0),
            1000,
            MixSchedule.constant(2),
            100,
            50,
            1,
            LoadSchedule.constant(0.5),
            new TokenEnergy(0.05, 0.4));
    SimulatedWorld world =
        new SimulatedWorld(clock, () -> 0, "g", List.of(POWER), List.of(byLoad, byTokens));
    clock.advance(1);
    // 100 idle + 400 × 0.5 by load + 250 by tokens: the idle watts split evenly, each server
    // takes what it drives above idle.
    assertEquals(550, world.readGpus().get(0).watts(), 1e-9);
    assertEquals(1, world.readGpus().get(0).load(), 1e-12);
    assertEquals(50 + 250, world.truthBetween("tokens", 1000, 1001).energyJoules(), 1e-6);
    assertEquals(50 + 200, world.truthBetween("load", 1000, 1001).energyJoules(), 1e-6);

    world.setSchedule("tokens", LoadSchedule.constant(1));
    clock.advance(1);
    // 100 + 200 + 500 = 800 W is more than the board allows.
    assertEquals(POWER.powerLimitWatts(), world.readGpus().get(0).watts(), 1e-9);
  }

  @Test
  void mixSchedulesPlayTheirRatiosInTurnAndRefuseNegativeOnes() {
    MixSchedule mix = MixSchedule.cycle(10, List.of(2.0, 5.0, 3.0));
    assertEquals(2, mix.promptTokensPerGeneratedTokenAt(0));
    assertEquals(2, mix.promptTokensPerGeneratedTokenAt(9.99));
    assertEquals(5, mix.promptTokensPerGeneratedTokenAt(10));
    assertEquals(3, mix.promptTokensPerGeneratedTokenAt(29));
    assertEquals(2, mix.promptTokensPerGeneratedTokenAt(30));
    assertThrows(IllegalArgumentException.class, () -> MixSchedule.constant(-1));
    assertThrows(IllegalArgumentException.class, () -> MixSchedule.cycle(0, List.of(1.0)));
    assertThrows(IllegalArgumentException.class, () -> MixSchedule.cycle(1, List.of(1.0, -2.0)));
    assertThrows(IllegalArgumentException.class, () -> new TokenEnergy(-0.1, 0.2));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EngineModel(
                    "srv", "m", List.of(0), 1000, -1, 100, 10, 1, LoadSchedule.constant(1)));
    assertEquals("srv: simulated rates must be positive", error.getMessage());
  }

  @Test
  void serverOnMissingGpuIsRefused() {
    EngineModel server =
        new EngineModel("srv", "m", List.of(4), 1000, 1, 100, 10, 1, LoadSchedule.constant(1));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SimulatedWorld(clock, () -> 0, "g", List.of(POWER), List.of(server)));
    assertEquals("srv runs on GPU 4, but only 1 exist", error.getMessage());
  }
}
