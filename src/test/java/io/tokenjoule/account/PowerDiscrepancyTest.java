package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.GAUGES;
import static io.tokenjoule.account.TestReadings.down;
import static io.tokenjoule.account.TestReadings.gpu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The energy counter against the sampled power integrated by the trapezoid rule, per GPU, over a 10
 * s window with 1 s ticks.
 */
class PowerDiscrepancyTest {

  private final GpuIdentity g0 = gpu(0);
  private final Accountant accountant = new Accountant(10, List.of(g0), List.of(), false);

  private double tick(double t, double joules, double sampledWatts, EnergyMethod method) {
    GpuReading reading = new GpuReading.Up(g0, t, 0, joules, method, 0.1, sampledWatts, GAUGES);
    return accountant.tick(t, List.of(reading), Map.of()).gpus().get(0).powerDiscrepancyRatio();
  }

  @Test
  void aCounterThatAgreesWithTheSamplesReadsZero() {
    double ratio = Double.NaN;
    for (int t = 0; t <= 20; t++) {
      ratio = tick(t, 5000 + 300.0 * t, 300, EnergyMethod.COUNTER);
    }
    assertEquals(0, ratio, 1e-12);
  }

  @Test
  void aCounterAboveTheSamplesReadsTheRelativeDifferenceOverTheWindow() {
    // the board draws 330 W by its counter, its power reading says 300 W: +10%
    double ratio = Double.NaN;
    for (int t = 0; t <= 30; t++) {
      ratio = tick(t, 330.0 * t, 300, EnergyMethod.COUNTER);
    }
    assertEquals(0.10, ratio, 1e-12);
  }

  @Test
  void theTrapezoidRuleJoinsTheSamplesWithStraightLines() {
    // samples alternate 200 and 400 W: the trapezoids integrate 300 W a second; a counter rising
    // 270 J a second is 10% below
    double ratio = Double.NaN;
    for (int t = 0; t <= 30; t++) {
      ratio = tick(t, 270.0 * t, t % 2 == 0 ? 200 : 400, EnergyMethod.COUNTER);
    }
    assertEquals(-0.10, ratio, 1e-12);
  }

  @Test
  void absentUntilHalfAWindowOfReadingsAndAfterAGapOrWithoutACounter() {
    for (int t = 0; t < 5; t++) {
      assertTrue(Double.isNaN(tick(t, 300.0 * t, 300, EnergyMethod.COUNTER)), "t=" + t);
    }
    assertEquals(0, tick(5, 1500, 300, EnergyMethod.COUNTER), 1e-12);
    accountant.tick(6, List.of(down(g0, 6)), Map.of());
    assertTrue(Double.isNaN(tick(7, 2100, 300, EnergyMethod.COUNTER)), "starts over after a gap");
    assertTrue(Double.isNaN(tick(8, 2400, Double.NaN, EnergyMethod.COUNTER)), "no sample");
    assertTrue(
        Double.isNaN(tick(30, 9000, 300, EnergyMethod.POWER_INTEGRATION)),
        "energy integrated from power is not compared with itself");
  }

  @Test
  void aCounterResetStartsItOver() {
    for (int t = 0; t <= 10; t++) {
      tick(t, 1e6 + 300.0 * t, 300, EnergyMethod.COUNTER);
    }
    assertTrue(Double.isNaN(tick(11, 50, 300, EnergyMethod.COUNTER)));
  }
}
