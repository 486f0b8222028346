package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.GAUGES;
import static io.tokenjoule.account.TestReadings.SAMPLED_POWER;
import static io.tokenjoule.account.TestReadings.down;
import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuEnergyTest {

  private final GpuIdentity g0 = gpu(0);
  private final Accountant accountant = new Accountant(60, List.of(g0), List.of(), false);

  private GpuAccount tick(double seconds, GpuReading reading) {
    return accountant.tick(seconds, List.of(reading), Map.of()).gpus().get(0);
  }

  @Test
  void firstReadingGivesTheTotalButNoPower() {
    GpuAccount first = tick(0, up(g0, 0, 1000));

    assertTrue(first.up());
    assertNull(first.downReason());
    assertEquals(EnergyMethod.COUNTER, first.energyMethod());
    assertEquals(1000, first.energyJoulesTotal());
    assertEquals(Double.NaN, first.powerWatts());
    assertEquals(SAMPLED_POWER, first.sampledPowerWatts());
    assertEquals(GAUGES, first.gauges());
    assertEquals(0, first.counterResets());
  }

  @Test
  void powerIsTheEnergyIncreaseOverTheTimeBetweenReadings() {
    tick(0, up(g0, 0.25, 1000));
    GpuAccount second = tick(1, up(g0, 1.25, 1300));
    GpuAccount third = tick(2, up(g0, 2.75, 1600));

    assertEquals(1300, second.energyJoulesTotal());
    assertEquals(300, second.powerWatts());
    assertEquals(1600, third.energyJoulesTotal());
    assertEquals(200, third.powerWatts());
  }

  @Test
  void keepsTheTotalWhileDownAndCountsTheGapWhenBack() {
    tick(0, up(g0, 0, 1000));
    tick(1, up(g0, 1, 1300));

    GpuAccount lost = tick(2, down(g0, 2));
    assertFalse(lost.up());
    assertEquals("gpu_is_lost", lost.downReason());
    assertEquals(1300, lost.energyJoulesTotal());
    assertEquals(Double.NaN, lost.powerWatts());
    assertEquals(Double.NaN, lost.sampledPowerWatts());
    assertEquals(GpuGauges.UNKNOWN, lost.gauges());
    assertEquals(EnergyMethod.COUNTER, lost.energyMethod());
    tick(3, down(g0, 3));

    GpuAccount back = tick(4, up(g0, 4, 2500));
    assertTrue(back.up());
    assertNull(back.downReason());
    assertEquals(2500, back.energyJoulesTotal());
    assertEquals(400, back.powerWatts(), 1e-12);
    assertEquals(GAUGES, back.gauges());
  }

  @Test
  void aResetAddsTheNewRawValueAndHasNoPower() {
    tick(0, up(g0, 0, 1000));
    tick(1, up(g0, 1, 2600));

    GpuAccount reset = tick(2, up(g0, 2, 100));
    assertEquals(2700, reset.energyJoulesTotal());
    assertEquals(Double.NaN, reset.powerWatts());
    assertEquals(1, reset.counterResets());

    GpuAccount after = tick(3, up(g0, 3, 350));
    assertEquals(2950, after.energyJoulesTotal());
    assertEquals(250, after.powerWatts());
  }

  @Test
  void aResetDuringADownGapCountsOnlyTheNewRawValue() {
    tick(0, up(g0, 0, 5000));
    tick(1, down(g0, 1));

    GpuAccount back = tick(2, up(g0, 2, 40));

    assertEquals(5040, back.energyJoulesTotal());
    assertEquals(Double.NaN, back.powerWatts());
    assertEquals(1, back.counterResets());
  }

  @Test
  void aGpuWithoutAReadingIsDownAndUnknownUntilRead() {
    GpuAccount missing = accountant.tick(0, List.of(), Map.of()).gpus().get(0);

    assertFalse(missing.up());
    assertEquals("not_read", missing.downReason());
    assertNull(missing.energyMethod());
    assertEquals(Double.NaN, missing.energyJoulesTotal());
    assertEquals(Double.NaN, missing.powerWatts());
    assertEquals(GpuGauges.UNKNOWN, missing.gauges());
  }
}
