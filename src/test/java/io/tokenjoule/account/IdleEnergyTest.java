package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One server on one GPU, one tick per second, window 10 s. */
class IdleEnergyTest {

  private final GpuIdentity g0 = gpu(0);
  private final Accountant accountant =
      new Accountant(
          10, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);
  private double joules;
  private double generated;

  /**
   * Advances one second at {@code watts}, producing {@code tokens} with {@code running} running.
   */
  private ServerAccount second(int t, double watts, double tokens, double running) {
    joules += watts;
    generated += tokens;
    return accountant
        .tick(
            t,
            List.of(up(g0, t, joules)),
            Map.of("s", scrape(t, 0, 5, new ModelCounters("m", 0, generated, 0, running))))
        .servers()
        .get(0);
  }

  @Test
  void idleEnergyCountsOnlyIntervalsWithoutTokensOrRunningRequests() {
    ServerAccount s = second(0, 0, 0, 0);
    assertTrue(Double.isNaN(s.idle().powerWatts()), "never idle yet");
    for (int t = 1; t <= 5; t++) {
      s = second(t, 400, 100, 8);
    }
    assertEquals(IdleStats.NEVER_IDLE, s.idle());
    // 5..6: no new tokens but requests still running at t=5: busy (prefill of long prompts).
    s = second(6, 300, 0, 0);
    assertEquals(0, s.idle().energyJoulesTotal());
    for (int t = 7; t <= 10; t++) {
      s = second(t, 70, 0, 0);
    }
    assertEquals(4 * 70, s.idle().energyJoulesTotal(), 1e-9);
    assertEquals(70, s.idle().powerWatts(), 1e-9);
    // Busy again: idle energy stops growing and the idle power is kept as the floor.
    for (int t = 11; t <= 13; t++) {
      s = second(t, 500, 100, 4);
    }
    assertEquals(4 * 70, s.idle().energyJoulesTotal(), 1e-9);
    assertEquals(70, s.idle().powerWatts(), 1e-9);
    // A new idle stretch replaces the old figure instead of averaging with it.
    second(14, 500, 0, 0);
    for (int t = 15; t <= 16; t++) {
      s = second(t, 90, 0, 0);
    }
    assertEquals(4 * 70 + 2 * 90, s.idle().energyJoulesTotal(), 1e-9);
    assertEquals(90, s.idle().powerWatts(), 1e-9);
  }

  @Test
  void idlePowerAveragesAtMostOneWindowOfTheCurrentStretch() {
    second(0, 0, 0, 0);
    ServerAccount s = null;
    for (int t = 1; t <= 30; t++) {
      s = second(t, t <= 10 ? 100 : 60, 0, 0);
    }
    // The first interval is 1..2 (the GPU's power is known from its second reading). Stretches
    // restart every 10 s: 1..11 (mostly 100 W), 11..21, then 21..30, all at 60 W.
    assertEquals(60, s.idle().powerWatts(), 1e-9);
    assertEquals(9 * 100 + 20 * 60, s.idle().energyJoulesTotal(), 1e-9);
  }
}
