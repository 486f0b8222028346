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
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * What a window can say, by where its busy and idle seconds lie. One server on one GPU, ticks every
 * second, a 10 s window; a busy second makes 100 tokens with 4 requests running, an idle one none
 * with none running.
 */
class WindowStateTest {

  private final GpuIdentity g0 = gpu(0);

  private WindowStats run(int seconds, IntPredicate busy) {
    Accountant accountant =
        new Accountant(
            10, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);
    double generated = 0;
    double joules = 0;
    WindowStats w = WindowStats.EMPTY;
    for (int t = 0; t <= seconds; t++) {
      boolean working = t > 0 && busy.test(t);
      generated += working ? 100 : 0;
      joules += working ? 300 : 100;
      w =
          accountant
              .tick(
                  t,
                  List.of(up(g0, t, joules)),
                  Map.of(
                      "s",
                      scrape(
                          t,
                          0,
                          1,
                          new ModelCounters("m", 0, generated, Double.NaN, working ? 4 : 0))))
              .servers()
              .get(0)
              .window();
    }
    return w;
  }

  @Test
  void busyThroughoutIsSteady() {
    assertEquals(WindowState.STEADY, run(20, t -> true).state());
  }

  @Test
  void idleGapsInsideTheWindowAreSteady() {
    WindowStats w = run(20, t -> t % 4 != 0);
    assertEquals(WindowState.STEADY, w.state());
    assertTrue(w.joulesPerGeneratedToken() > 0);
  }

  @Test
  void aServerThatStoppedIsRampingWithItsIdleEnergyCounted() {
    WindowStats w = run(20, t -> t <= 15);
    assertEquals(WindowState.RAMP, w.state());
    // (11..15] busy: 500 tokens, 1500 J; (15..20] idle: 500 J.
    assertEquals(2000.0 / 500, w.joulesPerGeneratedToken(), 1e-12);
  }

  @Test
  void aServerThatStartedIsRamping() {
    assertEquals(WindowState.RAMP, run(20, t -> t > 15).state());
  }

  @Test
  void noTokensIsIdleWithNoFigure() {
    WindowStats w = run(30, t -> t <= 15);
    assertEquals(WindowState.IDLE, w.state());
    assertTrue(Double.isNaN(w.joulesPerGeneratedToken()));
    assertTrue(Double.isNaN(w.uncertaintyGenerated()));
  }

  @Test
  void nothingYetIsEmpty() {
    assertEquals(WindowState.EMPTY, run(0, t -> true).state());
  }
}
