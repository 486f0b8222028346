package io.tokenjoule.account.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.ManualClock;
import io.tokenjoule.account.Accountant;
import io.tokenjoule.account.ServerSpec;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.ExpositionParser;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.SampleSelector;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.scrape.VllmProfile;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.simulate.VllmPageWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The baseline on the simulator, driven tick by tick as the agent drives it: simulated GPU, vLLM
 * page written and parsed, accountant with a 30 s window, baseline with 60 s slots over 1 h.
 *
 * <p>The simulated H100 draws 70 W idle plus 560 W × load; the server makes 2400 generated tokens/s
 * at load 1 with 64 requests running. So J/token = (70 + 560 L) / (2400 L): 0.2917 at 32 running
 * requests (L = 0.5), 0.3111 at 24 and 0.35 at 16: 20% apart between loads a fixed baseline lumps
 * together.
 */
class LoadAwareBaselineSimulationTest {

  private static final String SERVER = "sim";
  private static final double EPOCH_AT_START = 1_750_000_000;
  private static final double WINDOW_SECONDS = 30;
  private static final double HALF = 0.5; // 32 running requests
  private static final double QUARTER = 0.25; // 16 running requests
  private static final double THREE_EIGHTHS = 0.375; // 24 running requests

  private final ManualClock clock = new ManualClock(100);
  private final SimulatedWorld world =
      new SimulatedWorld(
          clock,
          () -> EPOCH_AT_START + clock.nowSeconds(),
          "Sim H100",
          List.of(new PowerModel(70, 560, 700)),
          List.of(
              new EngineModel(
                  SERVER,
                  "org/model-8b",
                  List.of(0),
                  2400,
                  1.0,
                  250,
                  64,
                  1,
                  LoadSchedule.constant(HALF))));
  private final SimulatedGpuSource gpus = new SimulatedGpuSource(world);
  private final Accountant accountant =
      new Accountant(
          WINDOW_SECONDS,
          world.gpus(),
          List.of(new ServerSpec(SERVER, "vllm", List.of(world.gpus().get(0).uuid()))),
          true);
  private final VllmProfile vllm = new VllmProfile();
  private final ServerBaseline baseline =
      new ServerBaseline(new BaselineSettings(60, 3600, 3, 0.05, 1000, WINDOW_SECONDS));

  /** A load-blind baseline: all good windows of the learning phase, whatever their load. */
  private double fixedEnergy;

  private double fixedTokens;
  private boolean learningFixed = true;

  private WindowStats window;
  private RegressionView view;

  @Test
  void theRatioTracksEfficiencyAndIgnoresLoad() throws Exception {
    // Learn two loads, 10 slots each.
    run(HALF, 600);
    run(QUARTER, 600);
    learningFixed = false;
    double fixedBaseline = fixedEnergy / fixedTokens;
    List<BucketBaseline> learned = view.learnedBuckets();
    assertEquals(List.of("16-32", "32-64"), learned.stream().map(b -> b.bucket().label()).toList());
    assertEquals(16, learned.get(0).referenceConcurrency(), 1e-9);
    assertEquals(32, learned.get(1).referenceConcurrency(), 1e-9);
    assertEquals(0.35, learned.get(0).joulesPerGeneratedToken(), 0.35 * 0.005);
    assertEquals(350.0 / 1200, learned.get(1).joulesPerGeneratedToken(), 0.2917 * 0.005);

    // (2) A pure load change between two learned loads leaves the ratio at 1 ...
    run(HALF, 60);
    for (int tick = 0; tick < 240; tick++) {
      run(HALF, 1);
      assertRatioWithin(0.97, 1.03);
      // (3) ... where a fixed baseline would have called the busier load an improvement
      double fixedRatio = window.joulesPerGeneratedToken() / fixedBaseline;
      assertTrue(fixedRatio < 0.95, "load-blind ratio at 32 requests " + fixedRatio);
    }
    run(QUARTER, 60);
    for (int tick = 0; tick < 240; tick++) {
      run(QUARTER, 1);
      assertRatioWithin(0.97, 1.03);
      // (3) ... and the quieter load a regression.
      double fixedRatio = window.joulesPerGeneratedToken() / fixedBaseline;
      assertTrue(fixedRatio > 1.1, "load-blind ratio at 16 requests " + fixedRatio);
    }

    // (2) A load between the learned ones: interpolated between their reference points.
    run(THREE_EIGHTHS, 60);
    for (int tick = 0; tick < 120; tick++) {
      run(THREE_EIGHTHS, 1);
      assertEquals(24, view.concurrency(), 1e-9);
      assertEquals(ExpectedFrom.INTERPOLATED, view.expectedFrom());
      assertRatioWithin(0.97, 1.03);
      // Its own bucket's baseline alone (learned at 16 requests) would be 11% off.
      double ownBucketRatio =
          window.joulesPerGeneratedToken() / learned.get(0).joulesPerGeneratedToken();
      assertTrue(ownBucketRatio < 0.9, "ratio to the 16-32 bucket alone " + ownBucketRatio);
    }

    // (1) A 15% efficiency regression at constant load raises the ratio to 1.15.
    run(QUARTER, 120);
    assertRatioWithin(0.97, 1.03);
    double before = view.expectedJoulesPerGeneratedToken();
    world.setEfficiency(SERVER, 1.15);
    run(QUARTER, WINDOW_SECONDS + 2);
    for (int tick = 0; tick < 600; tick++) {
      run(QUARTER, 1);
      assertEquals(16, view.concurrency(), 1e-9);
      assertEquals(1.15, view.ratio(), 0.02, "ratio after the regression, tick " + tick);
    }
    // Ten regressed minutes among 20 good ones at this load: the baseline has not moved.
    assertEquals(before, view.expectedJoulesPerGeneratedToken(), before * 1e-3);
    double now = clock.nowSeconds();
    double truth =
        world.truthBetween(SERVER, now - window.coveredSeconds(), now).joulesPerGeneratedToken();
    assertEquals(0.35 * 1.15, truth, 1e-9);
    assertEquals(truth, window.joulesPerGeneratedToken(), truth * 0.005);
  }

  private void assertRatioWithin(double low, double high) {
    assertTrue(
        view.ratio() >= low && view.ratio() <= high,
        "ratio "
            + view.ratio()
            + " at "
            + view.concurrency()
            + " requests: "
            + window.joulesPerGeneratedToken()
            + " J/token against "
            + view.expectedJoulesPerGeneratedToken()
            + " ("
            + view.expectedFrom()
            + ")");
  }

  /** Runs {@code seconds} of 1 s ticks at {@code load}. */
  private void run(double load, double seconds) throws Exception {
    world.setSchedule(SERVER, LoadSchedule.constant(load));
    for (int i = 0; i < seconds; i++) {
      tick();
    }
  }

  private void tick() throws Exception {
    clock.advance(1);
    double now = clock.nowSeconds();
    byte[] page =
        VllmPageWriter.prometheusText(world.readServer(SERVER), 1.0)
            .getBytes(StandardCharsets.UTF_8);
    ServerReading reading =
        new ServerReading(
            now,
            0,
            vllm.extract(
                ExpositionParser.parse(
                        page,
                        ExpositionFormat.PROMETHEUS_TEXT,
                        SampleSelector.names(vllm.sampleNames()),
                        ParserLimits.DEFAULT)
                    .samples()));
    window = accountant.tick(now, gpus.read(), Map.of(SERVER, reading)).servers().get(0).window();
    double epochSeconds = EPOCH_AT_START + now;
    if (baseline.observe(epochSeconds, window) == SampleOutcome.ACCEPTED && learningFixed) {
      fixedEnergy += window.energyJoules();
      fixedTokens += window.generatedTokens();
    }
    view = baseline.view(epochSeconds, window);
  }
}
