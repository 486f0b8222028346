package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PowerIntegratorTest {

  private final PowerIntegrator integrator = new PowerIntegrator();

  @Test
  void accumulatesTrapezoidsFromZero() {
    assertEquals(0.0, integrator.add(10.0, 100.0));
    assertEquals(0.0, integrator.lastIntervalSeconds());
    // (100 + 300) / 2 * 0.5 = 100 J
    assertEquals(100.0, integrator.add(10.5, 300.0));
    assertEquals(0.5, integrator.lastIntervalSeconds());
    // + (300 + 100) / 2 * 2 = 400 J
    assertEquals(500.0, integrator.add(12.5, 100.0));
    assertEquals(2.0, integrator.lastIntervalSeconds());
  }

  @Test
  void doesNotIntegrateAcrossAGapOrBackwards() {
    integrator.add(0.0, 200.0);
    integrator.add(1.0, 200.0);
    integrator.forgetLastSample();
    assertEquals(200.0, integrator.add(30.0, 50.0));
    assertEquals(0.0, integrator.lastIntervalSeconds());
    assertEquals(200.0, integrator.add(30.0, 60.0));
    // (60 + 40) / 2 * 1 = 50 J
    assertEquals(250.0, integrator.add(31.0, 40.0));
  }

  @Test
  void rejectsPowerThatIsNotAMeasurement() {
    assertThrows(IllegalArgumentException.class, () -> integrator.add(0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> integrator.add(0, -1));
  }
}
