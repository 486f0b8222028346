package io.tokenjoule.account.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.split.SplitEstimate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EconomicsLedgerTest {

  private static final Instant NIGHT = Instant.parse("2026-11-23T02:00:00Z");
  private static final Instant DAY = Instant.parse("2026-11-23T12:00:00Z");

  /**
   * 0.30 USD/kWh by day, 0.10 from 00:00 to 06:00 UTC; PUE 1.5; WUE 2 L/kWh; 4 USD per GPU-hour.
   */
  private final Economics economics =
      new Economics(
          new Tariff(
              new EnergyPrice(0.30, Money.currency("USD")),
              ZoneId.of("UTC"),
              List.of(new TariffWindow(Set.of(), 0, 6 * 60, 0.10))),
          new SiteFactors(1.5, 2),
          4,
          List.of());

  /**
   * A server on 2 GPUs whose window covered 60 s with 3.6 MJ (1 kWh), 1 M prompt and 0.5 M
   * generated tokens and 1000 requests.
   */
  private static ServerAccount server(double energyJoulesTotal) {
    return new ServerAccount(
        "s",
        "vllm",
        false,
        true,
        List.of(),
        energyJoulesTotal,
        4,
        2,
        IdleStats.NEVER_IDLE,
        SplitEstimate.NOT_FITTED,
        new WindowStats(60, 3.6e6, 1e6, 0.5e6, 1000, 4, 7.2, 2.4, 3600, 0.01, 0.01));
  }

  private static AccountingSnapshot snapshot(double energyJoulesTotal) {
    return new AccountingSnapshot(0, List.of(), List.of(server(energyJoulesTotal)));
  }

  @Test
  void windowedFiguresUseFacilityEnergyForMoneyAndCarbonAndItEnergyForWater() {
    EconomicsLedger ledger = new EconomicsLedger(economics);
    ServerEconomics s = ledger.tick(DAY, 400, snapshot(0)).servers().get(0);

    // 1 kWh IT = 1.5 kWh facility = 0.45 USD, over 0.5 M generated and 1.5 M tokens.
    assertEquals(0.90, s.energyCostPerMillionTokens().generated(), 1e-12);
    assertEquals(0.30, s.energyCostPerMillionTokens().all(), 1e-12);
    assertEquals(0.45 / 1000, s.energyCostPerRequest(), 1e-15);
    // 1.5 kWh × 400 g = 600 g.
    assertEquals(1200, s.carbonGramsPerMillionTokens().generated(), 1e-9);
    assertEquals(400, s.carbonGramsPerMillionTokens().all(), 1e-9);
    // 1 kWh IT × 2 L = 2 L.
    assertEquals(4, s.waterLitersPerMillionTokens().generated(), 1e-12);
    // 2 GPUs × 60 s × 4 USD/h = 0.1333 USD.
    assertEquals(2 * 4 / 60.0 / 0.5, s.computeCostPerMillionTokens().generated(), 1e-12);
    assertEquals(2 * 4 / 60.0 / 1.5, s.computeCostPerMillionTokens().all(), 1e-12);
  }

  @Test
  void totalsChargeEachTicksEnergyAtThePriceAndIntensityOfThatTick() {
    EconomicsLedger ledger = new EconomicsLedger(economics);
    ledger.tick(NIGHT, 100, snapshot(0));
    ledger.tick(NIGHT, 100, snapshot(3.6e6)); // 1 kWh IT at night: 1.5 × 0.10, 1.5 × 100 g
    ServerEconomics s = ledger.tick(DAY, Double.NaN, snapshot(7.2e6)).servers().get(0);

    assertEquals(0.15 + 0.45, s.energyCostTotal(), 1e-12);
    assertEquals(150, s.carbonGramsTotal(), 1e-9, "an unknown intensity adds no carbon");
    assertEquals(4, s.waterLitersTotal(), 1e-12);
  }

  @Test
  void figuresWithoutTheirInputsAreNaN() {
    Economics plain =
        new Economics(
            Tariff.flat(new EnergyPrice(0.1, Money.currency("USD"))),
            SiteFactors.IT_ONLY,
            Double.NaN,
            List.of());
    ServerEconomics s =
        new EconomicsLedger(plain).tick(DAY, Double.NaN, snapshot(1)).servers().get(0);
    assertTrue(Double.isNaN(s.computeCostPerMillionTokens().all()));
    assertTrue(Double.isNaN(s.carbonGramsPerMillionTokens().all()));
    assertTrue(Double.isNaN(s.waterLitersPerMillionTokens().all()));
    assertTrue(Double.isNaN(s.waterLitersTotal()));
    assertEquals(0.1 / 1.5, s.energyCostPerMillionTokens().all(), 1e-12);
  }
}
