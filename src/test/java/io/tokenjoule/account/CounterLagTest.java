package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.scrape.TokenCounting;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token side of the error bound, learnt from the counters' increments. One server on one GPU at
 * 300 W with exact timestamps, ticks every second, token resolution 0 and a 10 s window, so the
 * energy side of the bound is {@code 300 W × 0.1 s} of staleness over the window's energy, and what
 * the token side adds is the counter's lag alone.
 */
class CounterLagTest {

  private static final double ENERGY_TERM = 300 * TestReadings.UPDATE_PERIOD / 3000;

  private final GpuIdentity g0 = gpu(0);
  private final Accountant accountant =
      new Accountant(
          10, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);

  private WindowStats tick(int t, double generated, double running) {
    return tick(t, generated, running, TokenCounting.ON_COMPLETION);
  }

  private WindowStats tick(int t, double generated, double running, TokenCounting counting) {
    EngineCounters counters =
        new EngineCounters(
            List.of(new ModelCounters("m", 0, generated, Double.NaN, running)), 0, false, counting);
    return accountant
        .tick(t, List.of(up(g0, t, 300.0 * t)), Map.of("s", new ServerReading(t, 0, counters)))
        .servers()
        .get(0)
        .window();
  }

  /**
   * Tokens made by second {@code t} at a rate that swings 48, 152, 48, 152... per second: whole
   * steps of 8 running requests, a step's tokens each.
   */
  private static double swinging(int t) {
    return 100.0 * t + (t % 2 == 1 ? -52 : 0);
  }

  @Test
  void aPerStepCounterWhoseRateSwingsLagsOneStep() {
    WindowStats w = null;
    for (int t = 0; t <= 21; t++) {
      w = tick(t, swinging(t), 8, TokenCounting.EVERY_STEP);
    }
    // Its increases are multiples of 8 tokens, one step of 8 requests: that is all it can lag.
    assertEquals(ENERGY_TERM + 8.0 / w.generatedTokens(), w.uncertaintyGenerated(), 1e-12);
  }

  @Test
  void aCounterNotKnownToMovePerStepCarriesItsSwing() {
    WindowStats w = null;
    for (int t = 0; t <= 21; t++) {
      w = tick(t, swinging(t), 8, TokenCounting.ON_COMPLETION);
    }
    // Increases 48 and 152 around a mean of 100 (the first anchor is at t=1, when the GPU's
    // power is first known, so both ends see five of each): the lag may swing by 52.
    assertEquals(ENERGY_TERM + 52.0 / w.generatedTokens(), w.uncertaintyGenerated(), 1e-12);
  }

  /**
   * Batches of 400 tokens from 4 requests land more often than the counter is read: it moves by 400
   * or 800 every second, never falls silent. Then 64 requests run: a batch 16 times larger may be
   * in flight.
   */
  @Test
  void lumpsThatLandBetweenEveryReadShowInTheirCommonSize() {
    WindowStats w = null;
    for (int t = 0; t <= 21; t++) {
      w = tick(t, 400.0 * (t + t / 3), 4, TokenCounting.EVERY_STEP);
    }
    assertEquals(ENERGY_TERM + 400.0 / w.generatedTokens(), w.uncertaintyGenerated(), 1e-12);
    w = tick(22, 400.0 * (22 + 22 / 3), 64, TokenCounting.EVERY_STEP);
    assertEquals(
        ENERGY_TERM * 3000 / w.energyJoules() + 16 * 400.0 / w.generatedTokens(),
        w.uncertaintyGenerated(),
        1e-12);
  }

  @Test
  void aCounterThatSaysPerStepButFallsSilentWhileBusyShowsItsLumps() {
    WindowStats w = null;
    for (int t = 0; t <= 21; t++) {
      w = tick(t, 300.0 * (t / 3), 3, TokenCounting.EVERY_STEP);
    }
    assertEquals(ENERGY_TERM + 300.0 / 1200, w.uncertaintyGenerated(), 1e-12);
  }

  @Test
  void aCounterThatMovesEveryStepAddsNothing() {
    WindowStats w = null;
    for (int t = 0; t <= 20; t++) {
      w = tick(t, 100.0 * t, 8);
    }
    assertEquals(WindowState.STEADY, w.state());
    assertEquals(ENERGY_TERM, w.uncertaintyGenerated(), 1e-12);
  }

  /**
   * 300 tokens land every third second, while 3 requests run: increases 0, 0, 300 around a mean of
   * 100 per second swing by 200, and a jump after a silent interval shows a 300-token lump.
   */
  @Test
  void aCounterThatMovesPerBatchCarriesOneBatch() {
    WindowStats w = null;
    for (int t = 0; t <= 21; t++) {
      w = tick(t, 300.0 * (t / 3), 3);
    }
    // The window (11..21] holds the jumps at 12, 15, 18 and 21.
    assertEquals(1200, w.generatedTokens());
    assertEquals(WindowState.STEADY, w.state());
    assertEquals(ENERGY_TERM + 300.0 / 1200, w.uncertaintyGenerated(), 1e-12);
  }

  @Test
  void withNoRequestRunningNothingIsInFlight() {
    WindowStats w = null;
    for (int t = 0; t <= 20; t++) {
      // 300 tokens land every fifth second, and no request is left running when they do.
      w = tick(t, 300.0 * (t / 5), t % 5 == 0 ? 0 : 3);
    }
    // The window (10..20] starts and ends at a landing: the count is exact at both ends.
    assertEquals(600, w.generatedTokens());
    assertEquals(ENERGY_TERM, w.uncertaintyGenerated(), 1e-12);
  }

  /**
   * 200 tokens land every second second, so the counter's longest silence is 2 s; then a larger
   * batch warms up and nothing lands. Silent up to twice its longest, the window is still judged;
   * beyond, the tokens in flight are unknown.
   */
  @Test
  void aCounterSilentForLongerThanEverIsCountingAndPublishesNoFigure() {
    for (int t = 0; t <= 12; t++) {
      tick(t, 200.0 * (t / 2), 4);
    }
    double landed = 200.0 * 6;
    assertEquals(WindowState.STEADY, tick(16, landed, 64).state(), "silent 4 s: twice its longest");
    WindowStats w = tick(17, landed, 64);
    assertEquals(WindowState.COUNTING, w.state(), "silent 5 s");
    assertTrue(Double.isNaN(w.joulesPerGeneratedToken()));
    assertTrue(Double.isNaN(w.uncertaintyGenerated()));

    w = tick(18, landed + 4096, 64);
    assertEquals(WindowState.STEADY, w.state(), "the lump landed");
    assertEquals(ENERGY_TERM + 4096 / w.generatedTokens(), w.uncertaintyGenerated(), 1e-12);
  }
}
