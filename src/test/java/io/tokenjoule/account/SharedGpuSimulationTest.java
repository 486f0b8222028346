package io.tokenjoule.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.ManualClock;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.EngineView;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.LoadSchedule.Phase;
import io.tokenjoule.simulate.MixSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedProcessUtilization;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.simulate.TokenEnergy;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two simulated servers share one H100 (70 W idle, 560 W per unit of load, 700 W limit), and the
 * simulator knows each one's true energy: the idle 70 W split evenly, the watts above idle as each
 * server drives them. Two accountants read the same world tick by tick (1 s): one knows the
 * servers' pids and gets per-process SM utilisation, the other splits by tokens.
 *
 * <p>Measurement and truth differ by design in the idle part only: SM and token shares split all of
 * a busy tick's energy, idle watts included, in proportion to activity, where the truth splits the
 * idle watts evenly. A tick where a server's share is s moves (s − ½) × 70 W × 1 s to it. The test
 * adds that known difference, summed over the ticks, to the truth and requires the measurement
 * within 0.5% of the result: that checks the shares of the power above idle, which is what the
 * methods claim to get right. The raw error against the truth is printed.
 */
class SharedGpuSimulationTest {

  private static final PowerModel H100 = new PowerModel(70, 560, 700);
  private static final double IDLE_WATTS = 70;

  private final ManualClock clock = new ManualClock(100);

  @Test
  void sameModelsWithStaggeredLoadsMatchTheTruthBySmAndByTokens() {
    // Per 70 s cycle: a alone for 20 s, both for 20 s, b alone for 20 s, both idle for 10 s.
    EngineModel a = server("sim-a", 2400, DemoScenario.SMALL_TOKEN_ENERGY, cycle(0.6, 40, 0, 30));
    EngineModel b =
        server("sim-b", 2400, DemoScenario.SMALL_TOKEN_ENERGY, cycle(0, 20, 0.3, 40, 0, 10));
    Run run = run(a, b, 700);

    print("same models, 700 s", run);
    assertMatchesTruth(run.truthA + run.smIdleShift, run.smA);
    assertMatchesTruth(run.truthB - run.smIdleShift, run.smB);
    assertMatchesTruth(run.truthA + run.tokenIdleShift, run.tokenA);
    assertMatchesTruth(run.truthB - run.tokenIdleShift, run.tokenB);
    // The old even split is far off.
    assertTrue(run.even < 0.85 * run.truthA, "even split " + run.even);
    assertTrue(run.idleEvenSeen && run.smSeen && run.tokenSeen, "every method should occur");
  }

  /**
   * A large model next to a small one: the large one spends 0.9 J per generated token, the small
   * one 0.2. Its tokens are a poor proxy for its energy, its SM time is a good one.
   */
  @Test
  void differentModelsAreSplitRightBySmWhereTokensMisattribute() {
    EngineModel a =
        server("sim-a", 2400, DemoScenario.SMALL_TOKEN_ENERGY, LoadSchedule.constant(0.5));
    EngineModel b = server("sim-b", 900, new TokenEnergy(0.08, 0.9), LoadSchedule.constant(0.3));
    Run run = run(a, b, 300);

    print("different models, 300 s", run);
    assertMatchesTruth(run.truthA + run.smIdleShift, run.smA);
    assertMatchesTruth(run.truthB - run.smIdleShift, run.smB);
    assertTrue(run.tokenA > 1.4 * run.truthA, "token share gives the small model " + run.tokenA);
    assertTrue(run.tokenB < 0.6 * run.truthB, "token share gives the large model " + run.tokenB);
  }

  private static void assertMatchesTruth(double expected, double measured) {
    assertEquals(expected, measured, 0.005 * expected, "measured " + measured);
  }

  private static void print(String title, Run run) {
    System.out.printf(
        "%s: truth a %.0f J, b %.0f J | by SM a %.0f (%+.2f%%), b %.0f (%+.2f%%) | by tokens a %.0f"
            + " (%+.2f%%), b %.0f (%+.2f%%) | even split a %.0f (%+.2f%%)%n",
        title,
        run.truthA,
        run.truthB,
        run.smA,
        percent(run.smA, run.truthA),
        run.smB,
        percent(run.smB, run.truthB),
        run.tokenA,
        percent(run.tokenA, run.truthA),
        run.tokenB,
        percent(run.tokenB, run.truthB),
        run.even,
        percent(run.even, run.truthA));
  }

  private static double percent(double measured, double truth) {
    return 100 * (measured - truth) / truth;
  }

  private static EngineModel server(
      String name, double tokensPerSecond, TokenEnergy energy, LoadSchedule schedule) {
    return new EngineModel(
        name,
        "m-" + name,
        List.of(0),
        tokensPerSecond,
        MixSchedule.constant(2),
        250,
        64,
        1,
        schedule,
        energy);
  }

  private static LoadSchedule cycle(double... loadsAndSeconds) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < loadsAndSeconds.length; i += 2) {
      phases.add(new Phase(loadsAndSeconds[i + 1], loadsAndSeconds[i]));
    }
    return LoadSchedule.cycle(phases);
  }

  /** What two accountants measured over one run, and the truth. */
  private static final class Run {
    double truthA;
    double truthB;
    double smA;
    double smB;
    double tokenA;
    double tokenB;
    double even;
    double smIdleShift;
    double tokenIdleShift;
    boolean idleEvenSeen;
    boolean smSeen;
    boolean tokenSeen;
  }

  private Run run(EngineModel a, EngineModel b, int seconds) {
    SimulatedWorld world =
        new SimulatedWorld(clock, clock::nowSeconds, "Sim H100", List.of(H100), List.of(a, b));
    SimulatedGpuSource gpus = new SimulatedGpuSource(world);
    SimulatedProcessUtilization processes = new SimulatedProcessUtilization(world);
    String uuid = world.gpus().get(0).uuid();
    Accountant bySm =
        new Accountant(
            60,
            world.gpus(),
            List.of(
                new ServerSpec("sim-a", "vllm", List.of(uuid), Set.of(world.pid("sim-a"))),
                new ServerSpec("sim-b", "vllm", List.of(uuid), Set.of(world.pid("sim-b")))),
            true);
    Accountant byTokens =
        new Accountant(
            60,
            world.gpus(),
            List.of(
                new ServerSpec("sim-a", "vllm", List.of(uuid)),
                new ServerSpec("sim-b", "vllm", List.of(uuid))),
            true);
    Run run = new Run();
    double start = clock.nowSeconds();
    AccountingSnapshot sm = null;
    AccountingSnapshot tokens = null;
    double firstEnergy = Double.NaN;
    double previousSmA = 0;
    double previousTokenA = 0;
    double previousTotal = 0;
    for (int tick = 0; tick <= seconds; tick++) {
      if (tick > 0) {
        clock.advance(1);
      }
      double now = clock.nowSeconds();
      List<GpuReading> readings = gpus.read();
      Map<String, ProcessUtilization> utilization = processes.read();
      Map<String, ServerReading> scrapes = new HashMap<>();
      for (String name : List.of("sim-a", "sim-b")) {
        EngineView view = world.readServer(name);
        scrapes.put(
            name,
            new ServerReading(
                now,
                0,
                new EngineCounters(
                    List.of(
                        new ModelCounters(
                            view.modelName(),
                            view.promptTokens(),
                            view.generatedTokens(),
                            view.requests(),
                            view.runningRequests())),
                    1,
                    true)));
      }
      sm = bySm.tick(now, readings, scrapes, utilization);
      tokens = byTokens.tick(now, readings, scrapes);
      double total = sm.gpus().get(0).energyJoulesTotal();
      if (Double.isNaN(firstEnergy)) {
        firstEnergy = total;
      }
      double smA = sm.servers().get(0).energyJoulesTotal();
      double tokenA = tokens.servers().get(0).energyJoulesTotal();
      double increase = total - firstEnergy - previousTotal;
      if (increase > 0) {
        // Ticks are 1 s apart.
        run.smIdleShift += ((smA - previousSmA) / increase - 0.5) * IDLE_WATTS;
        run.tokenIdleShift += ((tokenA - previousTokenA) / increase - 0.5) * IDLE_WATTS;
      }
      previousSmA = smA;
      previousTokenA = tokenA;
      previousTotal = total - firstEnergy;
    }
    double end = clock.nowSeconds();
    run.truthA = world.truthBetween("sim-a", start, end).energyJoules();
    run.truthB = world.truthBetween("sim-b", start, end).energyJoules();
    run.smA = sm.servers().get(0).energyJoulesTotal();
    run.smB = sm.servers().get(1).energyJoulesTotal();
    run.tokenA = tokens.servers().get(0).energyJoulesTotal();
    run.tokenB = tokens.servers().get(1).energyJoulesTotal();
    run.even = previousTotal / 2;
    AttributedEnergy parts = sm.servers().get(0).attributed();
    run.smSeen = parts.smUtilizationJoules() > 0;
    run.idleEvenSeen = parts.idleEvenJoules() > 0;
    run.tokenSeen = tokens.servers().get(0).attributed().tokenShareJoules() > 0;
    assertEquals(
        previousTotal, run.smA + run.smB + sm.gpus().get(0).unattributedJoulesTotal(), 1e-6);
    assertEquals(previousTotal, run.tokenA + run.tokenB, 1e-6);
    return run;
  }
}
