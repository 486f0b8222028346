package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two runs, built by hand. Anchors at t = 0..5; the server is down at t=2.5 (its scrape fails) and
 * restarts before t=3, so the interval 2→3 is bridged but ends a run (what the server made between
 * its scrape at t=2 and the restart was never counted): the window holds run 1 (0→1→2) and run 2
 * (2→3→4→5). A GPU-only tick at t=-1 makes the GPU's power known at the first anchor. GPU energy
 * grows at 200 W until t=2.5, at 400 W until t=3, then 300 W, so moving each reading from t_gpu to
 * t_server along the last power gives round energies: 1000, 1200, 1400 (run 1) and 1700, 2000, 2300
 * (run 2).
 *
 * <pre>
 * anchor  t_server σ_server t_gpu σ_gpu  u    resolution  misalignment m
 *   0      0        0.01    0.02  0.005  0.1   4          0.02 + 0.015 = 0.035
 *   1      1        0.01    1.5   0.005  0.1   100        (interior: cancels)
 *   2      2        0.01    1.97  0.005  0.1   6          0.03 + 0.015 = 0.045
 *   3      3        0.02    3.0   0      0.1   2          (interior: cancels)
 *   4      4        0.02    4.0   0      0.1   100        (interior: cancels)
 *   5      5        0.02    5.01  0      0.2   8          0.01 + 0.02  = 0.03
 * run 1: 400 J over 2 s = 200 W; error 200 × (0.1 + 0.035 + 0.045) = 36 J; tokens 4 + 6 = 10
 * run 2: 900 J over 3 s = 300 W; error 300 × (0.2 + 0.045 + 0.03) = 82.5 J; tokens 6 + 8 = 14
 * window: 1300 J; 200 + 50 (counted since the restart) + 300 = 550 generated, 100 + 10 + 150 = 260
 * prompt tokens
 * </pre>
 */
class UncertaintyTest {

  private final GpuIdentity g0 = gpu(0);

  @Test
  void onlyTheEndsOfEachRunCount() {
    Accountant accountant =
        new Accountant(
            1000, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);
    double[] serverSigma = {0.01, 0.01, 0.01, 0.02, 0.02, 0.02};
    double[] gpuTime = {0.02, 1.5, 1.97, 3.0, 4.0, 5.01};
    double[] gpuSigma = {0.005, 0.005, 0.005, 0, 0, 0};
    double[] updatePeriod = {0.1, 0.1, 0.1, 0.1, 0.1, 0.2};
    double[] resolution = {4, 100, 6, 2, 100, 8};
    double[] joules = {1004, 1300, 1394, 1700, 2000, 2303};
    double[] prompt = {500, 550, 600, 10, 85, 160};
    double[] generated = {1000, 1100, 1200, 50, 200, 350};

    accountant.tick(
        -1,
        List.of(
            new GpuReading.Up(
                g0, -1, 0, 800, EnergyMethod.COUNTER, 0.1, Double.NaN, TestReadings.GAUGES)),
        Map.of());
    WindowStats w = null;
    for (int t = 0; t <= 5; t++) {
      GpuReading gpu =
          new GpuReading.Up(
              g0,
              gpuTime[t],
              gpuSigma[t],
              joules[t],
              EnergyMethod.COUNTER,
              updatePeriod[t],
              Double.NaN,
              TestReadings.GAUGES);
      var page =
          scrape(
              t,
              serverSigma[t],
              resolution[t],
              new ModelCounters("m", prompt[t], generated[t], Double.NaN, 1));
      w = accountant.tick(t, List.of(gpu), Map.of("s", page)).servers().get(0).window();
      if (t == 2) {
        accountant.tick(
            2.5,
            List.of(
                new GpuReading.Up(
                    g0, 2.5, 0, 1500, EnergyMethod.COUNTER, 0.1, Double.NaN, TestReadings.GAUGES)),
            Map.of());
      }
    }

    assertEquals(5, w.coveredSeconds());
    assertEquals(1300, w.energyJoules(), 1e-9);
    assertEquals(550, w.generatedTokens());
    assertEquals(260, w.promptTokens());
    // power lag, τ = 2 s: the first run's power stays at 200 W; the second's goes from 200 W at
    // anchor 2 to 300 W
    double lag = UncertaintyBound.POWER_LAG_SECONDS * (300 - 200);
    assertEquals((36.0 + 82.5 + lag) / 1300 + 24.0 / 550, w.uncertaintyGenerated(), 1e-12);
    assertEquals((36.0 + 82.5 + lag) / 1300 + 24.0 / 810, w.uncertaintyAll(), 1e-12);
  }
}
