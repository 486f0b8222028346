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
 * Two runs, built by hand. Anchors at t = 0..5; the server restarts before t=3, so the interval 2→3
 * is dropped and the window holds run 1 (0→1→2) and run 2 (3→4→5). A GPU-only tick at t=-1 makes
 * the GPU's power known at the first anchor. GPU energy grows at 200 W, then 300 W from t=3, so
 * moving each reading from t_gpu to t_server along the last power gives round energies: 1000, 1200,
 * 1400 (run 1) and 1700, 2000, 2300 (run 2).
 *
 * <pre>
 * anchor  t_server σ_server t_gpu σ_gpu  u    resolution  misalignment m
 *   0      0        0.01    0.02  0.005  0.1   4          0.02 + 0.015 = 0.035
 *   1      1        0.01    1.5   0.005  0.1   100        (interior: cancels)
 *   2      2        0.01    1.97  0.005  0.1   6          0.03 + 0.015 = 0.045
 *   3      3        0.02    3.0   0      0.1   2          0    + 0.02  = 0.02
 *   4      4        0.02    4.0   0      0.1   100        (interior: cancels)
 *   5      5        0.02    5.01  0      0.2   8          0.01 + 0.02  = 0.03
 * run 1: 400 J over 2 s = 200 W; error 200 × (0.1 + 0.035 + 0.045) = 36 J; tokens 4 + 6 = 10
 * run 2: 600 J over 2 s = 300 W; error 300 × (0.2 + 0.02 + 0.03)   = 75 J; tokens 2 + 8 = 10
 * window: 1000 J, 500 generated, 250 prompt tokens
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
    }

    assertEquals(4, w.coveredSeconds());
    assertEquals(1000, w.energyJoules());
    assertEquals(500, w.generatedTokens());
    assertEquals(250, w.promptTokens());
    assertEquals((36.0 + 75.0) / 1000 + 20.0 / 500, w.uncertaintyGenerated(), 1e-12);
    assertEquals((36.0 + 75.0) / 1000 + 20.0 / 750, w.uncertaintyAll(), 1e-12);
  }
}
