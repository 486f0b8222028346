package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.down;
import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server {@code a} runs on GPU 0; server {@code b} runs on GPUs 0 and 1 (shares GPU 0 with a). */
class AttributionTest {

  private final GpuIdentity g0 = gpu(0);
  private final GpuIdentity g1 = gpu(1);
  private final Accountant accountant =
      new Accountant(
          60,
          List.of(g0, g1),
          List.of(
              new ServerSpec("a", "vllm", List.of(g0.uuid())),
              new ServerSpec("b", "vllm", List.of(g0.uuid(), g1.uuid()))),
          false);

  private AccountingSnapshot tick(double t, double g0Joules, double g1Joules, String... scraped) {
    Map<String, ServerReading> readings = new HashMap<>();
    for (String name : scraped) {
      readings.put(name, scrape(t, 100 * t, 100 * t, t));
    }
    return accountant.tick(t, List.of(up(g0, t, g0Joules), up(g1, t, g1Joules)), readings);
  }

  @Test
  void aSharedGpuIsSplitEvenlyAndTheFirstReadingAttributesNothing() {
    AccountingSnapshot first = tick(0, 1000, 500, "a", "b");
    assertEquals(0, first.servers().get(0).energyJoulesTotal());
    assertEquals(0, first.servers().get(1).energyJoulesTotal());

    AccountingSnapshot second = tick(1, 1060, 530, "a", "b");
    assertEquals(30, second.servers().get(0).energyJoulesTotal());
    assertEquals(60, second.servers().get(1).energyJoulesTotal());
  }

  @Test
  void energyIsAttributedWhileTheScrapeFails() {
    tick(0, 1000, 500, "a", "b");
    tick(1, 1060, 530, "a", "b");

    AccountingSnapshot aDown = tick(2, 1120, 560, "b");

    ServerAccount a = aDown.servers().get(0);
    assertFalse(a.up());
    assertEquals(60, a.energyJoulesTotal());
    assertTrue(aDown.servers().get(1).up());
    assertEquals(120, aDown.servers().get(1).energyJoulesTotal());
  }

  @Test
  void aDownGpuAttributesItsGapWhenItComesBack() {
    tick(0, 1000, 500, "a", "b");
    accountant.tick(1, List.of(up(g0, 1, 1060), down(g1, 1)), Map.of());

    AccountingSnapshot back = tick(2, 1120, 580, "a", "b");

    assertEquals(60, back.servers().get(0).energyJoulesTotal());
    assertEquals(60 + 80, back.servers().get(1).energyJoulesTotal());
  }

  @Test
  void windowEnergyOfEachServerIsItsShare() {
    for (int t = 0; t <= 10; t++) {
      tick(t, 1000 + 60 * t, 500 + 30 * t, "a", "b");
    }
    AccountingSnapshot last = tick(11, 1000 + 60 * 11, 500 + 30 * 11, "a", "b");

    // Anchors from t=1, once the GPUs' power is known: ten intervals.
    assertEquals(30 * 10, last.servers().get(0).window().energyJoules(), 1e-9);
    assertEquals(60 * 10, last.servers().get(1).window().energyJoules(), 1e-9);
    assertEquals(30.0 / 100, last.servers().get(0).window().joulesPerGeneratedToken(), 1e-12);
  }
}
