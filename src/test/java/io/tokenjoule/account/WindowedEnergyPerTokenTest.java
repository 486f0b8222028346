package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.down;
import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One server {@code s} on one GPU, ticks every second. Unless a test says otherwise the load is
 * steady: 300 W, 50 prompt and 100 generated tokens and 2 requests per second.
 */
class WindowedEnergyPerTokenTest {

  private final GpuIdentity g0 = gpu(0);

  private Accountant accountant(double windowSeconds) {
    return new Accountant(
        windowSeconds,
        List.of(g0),
        List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))),
        false);
  }

  private static ServerAccount tick(
      Accountant accountant, double t, GpuReading gpu, ServerReading server) {
    Map<String, ServerReading> servers = server == null ? Map.of() : Map.of("s", server);
    return accountant.tick(t, List.of(gpu), servers).servers().get(0);
  }

  private ServerAccount steadyTick(Accountant accountant, int t) {
    return tick(
        accountant,
        t,
        up(g0, t, 1000 + 300 * t),
        scrape(t, 500 + 50 * t, 1000 + 100 * t, 10 + 2 * t));
  }

  @Test
  void steadyLoadGivesTheHandComputedFigures() {
    Accountant accountant = accountant(10);
    ServerAccount s = null;
    for (int t = 0; t <= 20; t++) {
      s = steadyTick(accountant, t);
    }

    WindowStats w = s.window();
    assertEquals(10, w.coveredSeconds());
    assertEquals(3000, w.energyJoules());
    assertEquals(500, w.promptTokens());
    assertEquals(1000, w.generatedTokens());
    assertEquals(20, w.requests());
    assertEquals(3, w.joulesPerGeneratedToken());
    assertEquals(2, w.joulesPerToken());
    assertEquals(150, w.joulesPerRequest());
    // One run from t=10 to t=20: 300 W × 0.1 s update period = 30 J of 3000; 5 + 5 tokens.
    assertEquals(30.0 / 3000 + 10.0 / 1000, w.uncertaintyGenerated(), 1e-12);
    assertEquals(30.0 / 3000 + 10.0 / 1500, w.uncertaintyAll(), 1e-12);
  }

  @Test
  void meanRunningRequestsWeighsEachIntervalByItsDuration() {
    // Running requests 2 up to t=4, then 10 from t=5 on. The first anchor is at t=1 (the GPU's
    // power is known from its second reading on), so the intervals 1..4 average 2, the ramp 4..5
    // averages 6, and 5..10 average 10: (3 × 2 + 6 + 5 × 10) / 9.
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 10; t++) {
      double running = t <= 4 ? 2 : 10;
      s =
          tick(
              accountant,
              t,
              up(g0, t, 300 * t),
              scrape(t, 0, 5, new ModelCounters("m", 10 * t, 100 * t, t, running)));
    }
    assertEquals(62.0 / 9, s.window().meanRunningRequests(), 1e-12);
  }

  @Test
  void energyIsMovedToTheInstantTheServerReadItsTokens() {
    // 300 W and 100 tokens/s. At t=1 the server answers 0.3 s after the GPU was read (a cold
    // first scrape); later it answers at once. Pairing the GPU counter read at t=1 with tokens
    // counted at t=1.3 would give 1200 J / 370 tokens = 3.24 J/token; moving the energy to 1.3 s
    // along the GPU's power gives the truth, 3 J/token.
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 5; t++) {
      double serverTime = t == 1 ? 1.3 : t;
      s = tick(accountant, t, up(g0, t, 300 * t), scrape(serverTime, 0, 100 * serverTime, 0));
    }

    WindowStats w = s.window();
    assertEquals(3.7, w.coveredSeconds(), 1e-12);
    assertEquals(1110, w.energyJoules(), 1e-9);
    assertEquals(370, w.generatedTokens(), 1e-9);
    assertEquals(3, w.joulesPerGeneratedToken(), 1e-12);
  }

  @Test
  void theFirstTickHasAnEmptyWindow() {
    assertEquals(WindowStats.EMPTY, steadyTick(accountant(10), 0).window());
  }

  @Test
  void idleHasNoEnergyPerToken() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 10; t++) {
      s = tick(accountant, t, up(g0, t, 1000 + 100 * t), scrape(t, 500, 1000, 10));
    }

    // The first anchor is at t=1, once the GPU's power is known.
    WindowStats w = s.window();
    assertEquals(9, w.coveredSeconds());
    assertEquals(900, w.energyJoules());
    assertEquals(0, w.generatedTokens());
    assertEquals(Double.NaN, w.joulesPerGeneratedToken());
    assertEquals(Double.NaN, w.joulesPerToken());
    assertEquals(Double.NaN, w.joulesPerRequest());
    assertEquals(Double.NaN, w.uncertaintyGenerated());
    assertEquals(Double.NaN, w.uncertaintyAll());
  }

  @Test
  void aRestartBetweenTwoGoodScrapesDropsItsIntervalWithoutASpike() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 10; t++) {
      // The server restarts between t=4 and t=5 and answers both scrapes: its counters start again
      // from zero, and what it made between the scrape at t=4 and the restart was never counted.
      s = tick(accountant, t, up(g0, t, 1000 + 300 * t), restartedServerPage(t, 5));
      if (t > 1) {
        assertEquals(3, s.window().joulesPerGeneratedToken(), 1e-12, "at t=" + t);
      }
    }

    // Anchors at t=1..10 (the GPU's power is known from t=1); the interval 4→5, whose tokens are
    // unknown, is dropped.
    WindowStats w = s.window();
    assertEquals(8, w.coveredSeconds());
    assertEquals(2400, w.energyJoules());
    assertEquals(800, w.generatedTokens());
    assertEquals(400, w.promptTokens());
    assertEquals(16, w.requests());
    assertTotals(s, 1400 + 30 + 500, 700 + 15 + 250, 18 + 1 + 10);
  }

  @Test
  void aRestartWhileTheServerWasDownIsBridgedWithTheTokensCountedSinceIt() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 10; t++) {
      // The scrape at t=5 fails; the server comes back counting from zero before t=6.
      ServerReading page = t == 5 ? null : restartedServerPage(t, 6);
      s = tick(accountant, t, up(g0, t, 1000 + 300 * t), page);
    }

    // Anchors at t=1..4 and 6..10; the interval 4→6 keeps its energy, the time down included, and
    // the 30 tokens the restarted server counted, as its own counters say.
    WindowStats w = s.window();
    assertEquals(9, w.coveredSeconds());
    assertEquals(2700, w.energyJoules());
    assertEquals(300 + 30 + 400, w.generatedTokens());
    assertEquals(150 + 15 + 200, w.promptTokens());
    assertEquals(6 + 1 + 8, w.requests());
    assertEquals(2700.0 / 730, w.joulesPerGeneratedToken(), 1e-12);
    assertTotals(s, 1400 + 30 + 400, 700 + 15 + 200, 18 + 1 + 8);
  }

  /**
   * The page of a server that counts 50 prompt and 100 generated tokens and 2 requests a second up
   * to its scrape at t=4, then restarts and has counted 15, 30 and 1 by {@code backAt}.
   */
  private static ServerReading restartedServerPage(int t, int backAt) {
    return t <= 4
        ? scrape(t, 500 + 50 * t, 1000 + 100 * t, 10 + 2 * t)
        : scrape(t, 15 + 50 * (t - backAt), 30 + 100 * (t - backAt), 1 + 2 * (t - backAt));
  }

  /** The GPU's 3000 J over t=0..10, and the model's reset-corrected totals. */
  private static void assertTotals(
      ServerAccount s, double generated, double prompt, double requests) {
    assertEquals(3000, s.energyJoulesTotal());
    ModelAccount m = s.models().get(0);
    assertEquals(generated, m.generatedTokensTotal());
    assertEquals(prompt, m.promptTokensTotal());
    assertEquals(requests, m.requestsTotal());
  }

  @Test
  void aServerDownThenCountingFromZeroMatchesItsOwnEnergyOverItsOwnTokens() {
    // 300 W busy, 100 W while down for 10 s; after the restart the server counts from zero. The
    // reference is what the server was charged over the window divided by what its own counters
    // say it made in that window (reset-corrected, as Prometheus's increase() reads them).
    Accountant accountant = accountant(30);
    double joules = 1000;
    double generatedSinceStart = 0;
    double generatedBeforeRestart = 0;
    ServerAccount s = null;
    double[] energyAt = new double[61];
    double[] tokensAt = new double[61];
    for (int t = 0; t <= 60; t++) {
      boolean down = t >= 20 && t < 30;
      if (t > 0) {
        joules += down ? 100 : 300;
      }
      ServerReading page = null;
      if (t < 20) {
        generatedBeforeRestart = 1000 + 100 * t;
        page = scrape(t, 0, generatedBeforeRestart, 0);
      } else if (t >= 30) {
        generatedSinceStart = 100 * (t - 30) + 40;
        page = scrape(t, 0, generatedSinceStart, 0);
      }
      s = tick(accountant, t, up(g0, t, joules), page);
      energyAt[t] = s.energyJoulesTotal();
      tokensAt[t] = s.models().get(0).generatedTokensTotal();
      if (t >= 31) {
        WindowStats w = s.window();
        int from = (int) Math.round(t - w.coveredSeconds());
        double reference = (energyAt[t] - energyAt[from]) / (tokensAt[t] - tokensAt[from]);
        assertEquals(reference, w.joulesPerGeneratedToken(), 1e-9 * reference, "at t=" + t);
      }
    }
  }

  @Test
  void anEnergyCounterResetDropsItsInterval() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 10; t++) {
      // The driver reloads between t=4 and t=5: the energy counter starts again from zero.
      double joules = t <= 4 ? 1000 + 300 * t : 40 + 300 * (t - 5);
      s =
          tick(
              accountant,
              t,
              up(g0, t, joules),
              scrape(t, 500 + 50 * t, 1000 + 100 * t, 10 + 2 * t));
    }

    // Anchors at t=1..4 and 6..10: at t=5 the reset leaves the GPU's power unknown, and the
    // interval 4→6 spans the reset, so it is dropped.
    WindowStats w = s.window();
    assertEquals(7, w.coveredSeconds());
    assertEquals(2100, w.energyJoules());
    assertEquals(700, w.generatedTokens());
    assertEquals(3, w.joulesPerGeneratedToken());
    assertEquals(4 * 300 + 40 + 5 * 300, s.energyJoulesTotal());
  }

  @Test
  void aScrapeGapWithoutResetIsSpannedByOneInterval() {
    // 300 W and 100 tokens/s, except 500 W and 250 tokens/s during (2, 6]; scrapes fail at 3, 4, 5.
    Accountant accountant = accountant(4);
    ServerAccount s = null;
    for (int t = 0; t <= 6; t++) {
      double joules = t <= 2 ? 1000 + 300 * t : 1600 + 500 * (t - 2);
      double generated = t <= 2 ? 1000 + 100 * t : 1200 + 250 * (t - 2);
      ServerReading page = t >= 3 && t <= 5 ? null : scrape(t, 0, generated, 0);
      s = tick(accountant, t, up(g0, t, joules), page);
      if (t == 5) {
        assertFalse(s.up());
        assertEquals(1, s.window().coveredSeconds());
      }
    }

    WindowStats w = s.window();
    assertEquals(4, w.coveredSeconds());
    assertEquals(2000, w.energyJoules());
    assertEquals(1000, w.generatedTokens());
    assertEquals(2, w.joulesPerGeneratedToken());
  }

  @Test
  void aGpuDownAtATickMakesNoAnchorThere() {
    Accountant accountant = accountant(2);
    for (int t = 0; t <= 2; t++) {
      steadyTick(accountant, t);
    }
    ServerAccount atDown =
        tick(accountant, 3, down(g0, 3), scrape(3, 500 + 150, 1000 + 300, 10 + 6));
    assertEquals(1, atDown.window().coveredSeconds());
    assertEquals(600, atDown.energyJoulesTotal());
    steadyTick(accountant, 4);

    WindowStats w = steadyTick(accountant, 5).window();

    // Intervals 2→4 and 4→5; an anchor at 3 would have left only 3→4 and 4→5.
    assertEquals(3, w.coveredSeconds());
    assertEquals(900, w.energyJoules());
    assertEquals(300, w.generatedTokens());
  }

  @Test
  void intervalsLeaveTheWindowWhenTheirEndIsOlderThanTheWindow() {
    Accountant accountant = accountant(10);
    ServerAccount s = null;
    for (int t = 0; t <= 20; t++) {
      // 300 W until t=10, then 100 W; always 100 tokens/s.
      double joules = t <= 10 ? 1000 + 300 * t : 4000 + 100 * (t - 10);
      s = tick(accountant, t, up(g0, t, joules), scrape(t, 0, 100 * t, 0));
      if (t == 15) {
        assertEquals(10, s.window().coveredSeconds());
        assertEquals(5 * 300 + 5 * 100, s.window().energyJoules());
        assertEquals(2, s.window().joulesPerGeneratedToken());
      }
    }

    assertEquals(10, s.window().coveredSeconds());
    assertEquals(1000, s.window().energyJoules());
    assertEquals(1, s.window().joulesPerGeneratedToken());
  }

  @Test
  void aNewModelAppearsWithItsFirstValuesAndDropsItsInterval() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 5; t++) {
      ModelCounters a = new ModelCounters("a", 50 * t, 100 * t, 2 * t, 1);
      ServerReading page =
          t < 3
              ? scrape(t, 0, 5, a)
              : scrape(t, 0, 5, a, new ModelCounters("b", 70, 500 + 50 * (t - 3), 4, 1));
      s = tick(accountant, t, up(g0, t, 300 * t), page);
      if (t == 3) {
        assertEquals(List.of("a", "b"), s.models().stream().map(ModelAccount::model).toList());
        assertEquals(new ModelAccount("b", 70, 500, 4), s.models().get(1));
        assertEquals(1, s.window().coveredSeconds());
      }
    }

    // Anchors at t=1..5; the interval 2→3, in which model b appeared, is dropped.
    WindowStats w = s.window();
    assertEquals(3, w.coveredSeconds());
    assertEquals(900, w.energyJoules());
    assertEquals(3 * 100 + 2 * 50, w.generatedTokens());
    assertEquals(new ModelAccount("b", 70, 600, 4), s.models().get(1));
  }

  @Test
  void modelsNeverDisappear() {
    Accountant accountant = accountant(100);
    tick(
        accountant,
        0,
        up(g0, 0, 0),
        scrape(0, 0, 5, new ModelCounters("a", 1, 2, 3, 0), new ModelCounters("b", 4, 5, 6, 0)));

    ServerAccount s =
        tick(accountant, 1, up(g0, 1, 300), scrape(1, 0, 5, new ModelCounters("a", 2, 4, 6, 0)));

    assertEquals(
        List.of(new ModelAccount("a", 2, 4, 6), new ModelAccount("b", 4, 5, 6)), s.models());
  }

  @Test
  void requestsNaNStaysNaNAndLeavesJoulesPerTokenAlone() {
    Accountant accountant = accountant(100);
    ServerAccount s = null;
    for (int t = 0; t <= 4; t++) {
      s = tick(accountant, t, up(g0, t, 300 * t), scrape(t, 50 * t, 100 * t, Double.NaN));
    }

    assertEquals(Double.NaN, s.models().get(0).requestsTotal());
    assertEquals(Double.NaN, s.window().requests());
    assertEquals(Double.NaN, s.window().joulesPerRequest());
    assertEquals(3, s.window().joulesPerGeneratedToken());
    assertEquals(2, s.window().joulesPerToken());
  }
}
