package io.tokenjoule.account.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.ManualClock;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.LoadSchedule.Phase;
import io.tokenjoule.simulate.MixSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.simulate.TokenEnergy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fit against simulated servers with a known split, read through their published counters once
 * a second as the agent reads them: energy counters that move every 100 ms in whole mJ, token
 * counters in whole tokens.
 */
class PrefillDecodeFitOnSimulatorTest {

  private static final PowerModel H100 = new PowerModel(70, 560, 700);
  private static final TokenEnergy SPLIT = new TokenEnergy(0.04, 0.3);

  private final ManualClock clock = new ManualClock(1000);

  private SimulatedWorld tensorParallelServer(MixSchedule mix, LoadSchedule load) {
    EngineModel server =
        new EngineModel("tp2", "m", List.of(0, 1), 1500, mix, 200, 64, 1, load, SPLIT);
    return new SimulatedWorld(clock, () -> 1.7e9, "Sim H100", List.of(H100, H100), List.of(server));
  }

  @Test
  void recoversTheKnownSplitOfATensorParallelServer() {
    SimulatedWorld world =
        tensorParallelServer(
            MixSchedule.cycle(7, List.of(1.0, 4.0, 2.0, 6.0, 3.0)),
            LoadSchedule.cycle(
                List.of(
                    new Phase(30, 0.9), new Phase(10, 0), new Phase(20, 0.3), new Phase(25, 0.6))));
    SimulatedFeed feed = new SimulatedFeed(world, clock, FitSettings.defaults());
    feed.run(600);

    SplitEstimate estimate = feed.fit("tp2").estimate();
    assertEquals(SplitStatus.PUBLISHED, estimate.status());
    assertEquals(SPLIT.joulesPerPromptToken(), estimate.joulesPerPrefillToken(), 0.01 * 0.04);
    assertEquals(SPLIT.joulesPerGeneratedToken(), estimate.joulesPerDecodeToken(), 0.01 * 0.3);
    // Static power: both GPUs' idle watts.
    assertEquals(2 * H100.idleWatts(), estimate.staticWatts(), 0.01 * 140);
    assertTrue(estimate.rSquared() > 0.999, "R² " + estimate.rSquared());
  }

  @Test
  void aConstantMixAtAConstantLoadPublishesNothing() {
    SimulatedWorld world =
        tensorParallelServer(MixSchedule.constant(3), LoadSchedule.constant(0.7));
    SimulatedFeed feed = new SimulatedFeed(world, clock, FitSettings.defaults());
    for (int minute = 0; minute < 20; minute++) {
      feed.run(60);
      SplitEstimate estimate = feed.fit("tp2").estimate();
      assertTrue(!estimate.wellConditioned(), "published " + estimate);
      assertTrue(Double.isNaN(estimate.joulesPerPrefillToken()));
      assertTrue(Double.isNaN(estimate.joulesPerDecodeToken()));
      assertTrue(Double.isNaN(estimate.staticWatts()));
    }
    assertEquals(SplitStatus.NO_VARIETY, feed.fit("tp2").estimate().status());
  }

  @Test
  void aConstantMixUnderAVaryingLoadPublishesNothing() {
    SimulatedWorld world =
        tensorParallelServer(
            MixSchedule.constant(3),
            LoadSchedule.cycle(List.of(new Phase(30, 0.9), new Phase(10, 0), new Phase(20, 0.3))));
    SimulatedFeed feed = new SimulatedFeed(world, clock, FitSettings.defaults());
    feed.run(1200);

    assertEquals(SplitStatus.NO_VARIETY, feed.fit("tp2").estimate().status());
  }

  @Test
  void unalignedJitteryTicksRecoverTheDemosSplitWithinTheirStandardErrors() {
    // Ticks of 0.8 to 1.2 s at any phase: each read sees an energy counter up to 100 ms stale, an
    // error of up to 10% of an interval's energy that the next interval takes back.
    SimulatedWorld world = DemoScenario.world(clock);
    SimulatedFeed feed = new SimulatedFeed(world, clock, FitSettings.defaults());
    Random jitter = new Random(3);
    double elapsed = 0;
    while (elapsed < 7200) {
      double seconds = 0.8 + 0.4 * jitter.nextDouble();
      feed.tick(seconds);
      elapsed += seconds;
      for (EngineModel server : world.servers()) {
        SplitEstimate estimate = feed.fit(server.serverName()).estimate();
        String context = server.serverName() + " at " + elapsed + " s: " + estimate;
        if (elapsed < 90 && !estimate.wellConditioned()) {
          continue;
        }
        assertEquals(SplitStatus.PUBLISHED, estimate.status(), context);
        TokenEnergy truth = server.tokenEnergy();
        assertEquals(
            truth.joulesPerPromptToken(),
            estimate.joulesPerPrefillToken(),
            3 * estimate.prefillStandardError(),
            context);
        assertEquals(
            truth.joulesPerGeneratedToken(),
            estimate.joulesPerDecodeToken(),
            3 * estimate.decodeStandardError(),
            context);
        assertEquals(
            idleWatts(server, world), estimate.staticWatts(), 3 * estimate.staticStandardError());
        if (elapsed > 300) {
          assertWithin(0.05, server, world, estimate, "at " + elapsed + " s");
        }
      }
    }
  }

  private static void assertWithin(
      double tolerance,
      EngineModel server,
      SimulatedWorld world,
      SplitEstimate estimate,
      String when) {
    String context = server.serverName() + " " + when + ": " + estimate;
    assertEquals(SplitStatus.PUBLISHED, estimate.status(), context);
    TokenEnergy truth = server.tokenEnergy();
    assertEquals(
        truth.joulesPerPromptToken(),
        estimate.joulesPerPrefillToken(),
        tolerance * truth.joulesPerPromptToken(),
        context);
    assertEquals(
        truth.joulesPerGeneratedToken(),
        estimate.joulesPerDecodeToken(),
        tolerance * truth.joulesPerGeneratedToken(),
        context);
    double idleWatts = idleWatts(server, world);
    assertEquals(idleWatts, estimate.staticWatts(), tolerance * idleWatts, context);
  }

  /** The static power a server's fit should find: its GPUs' idle watts. */
  private static double idleWatts(EngineModel server, SimulatedWorld world) {
    double idleWatts = 0;
    for (int index : server.gpuIndices()) {
      idleWatts += world.readGpus().get(index).power().idleWatts();
    }
    return idleWatts;
  }

  @Test
  void theDemoPublishesItsTrueSplitWithinNinetySecondsAndKeepsIt() {
    SimulatedWorld world = DemoScenario.world(clock);
    SimulatedFeed feed = new SimulatedFeed(world, clock, FitSettings.defaults());
    feed.run(90);
    for (EngineModel server : world.servers()) {
      assertTrue(
          feed.fit(server.serverName()).estimate().wellConditioned(),
          server.serverName() + " " + feed.fit(server.serverName()).estimate());
    }
    // Past two horizons, checked every 10 s: every figure within 1% of the truth.
    for (int t = 90; t < 7200; t += 10) {
      feed.run(10);
      for (EngineModel server : world.servers()) {
        assertWithin(0.01, server, world, feed.fit(server.serverName()).estimate(), "at " + t);
      }
    }
  }
}
