package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.TariffWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EconomicsConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private Economics economics(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).economics().orElseThrow();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void absentMeansNoEconomics() throws ConfigException {
    assertTrue(loader.parse("tick: 1s\n", "tokenjoule.yaml", List.of()).economics().isEmpty());
  }

  @Test
  void readsEveryKey() throws ConfigException {
    Economics e =
        economics(
            """
            economics:
              currency: eur
              price_per_kwh: 0.25
              time_zone: Europe/Berlin
              time_of_use:
                - days: [mon, tue, wed, thu, friday]
                  from: 17:00
                  to: "21:30"
                  price_per_kwh: 0.40
                - from: 00:00
                  to: 24:00
                  price_per_kwh: 0.2
              pue: 1.3
              wue_liters_per_kwh: 1.8
              gpu_hour_price: 2.49
              indicative_rates:
                USD: 1.08
                GBP: 0.86
            """);
    assertEquals("EUR", e.tariff().base().currency().getCurrencyCode());
    assertEquals(0.25, e.tariff().base().perKilowattHour());
    assertEquals(ZoneId.of("Europe/Berlin"), e.tariff().zone());
    assertEquals(
        new TariffWindow(
            Set.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY),
            17 * 60,
            21 * 60 + 30,
            0.40),
        e.tariff().windows().get(0));
    assertEquals(new TariffWindow(Set.of(), 0, 24 * 60, 0.2), e.tariff().windows().get(1));
    assertEquals(0.40, e.tariff().priceAt(Instant.parse("2026-11-23T16:00:00Z")).perKilowattHour());
    assertEquals(1.3, e.site().pue());
    assertEquals("facility", e.site().scope());
    assertEquals(1.8, e.site().wueLitersPerKwh());
    assertEquals(2.49, e.gpuHourPrice());
    assertEquals(2, e.indicativeRates().size());
    assertEquals("GBP", e.indicativeRates().get(1).currency().getCurrencyCode());
    assertEquals(0.86, e.indicativeRates().get(1).perBaseUnit());
  }

  @Test
  void defaultsToItScopeWithoutWaterOrComputeCost() throws ConfigException {
    Economics e = economics("economics:\n  currency: USD\n  price_per_kwh: 0.08\n");
    assertEquals("it", e.site().scope());
    assertTrue(Double.isNaN(e.site().wueLitersPerKwh()));
    assertTrue(Double.isNaN(e.gpuHourPrice()));
    assertTrue(e.tariff().windows().isEmpty());
  }

  @Test
  void everyProblemIsReportedAtItsPlace() {
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:2:13: economics.currency: ABC is not an ISO 4217 currency code",
            "tokenjoule.yaml:3:18: economics.price_per_kwh: must be >= 0, got -1",
            "tokenjoule.yaml:4:14: economics.time_zone: expected a time zone such as UTC or"
                + " Europe/Berlin, got 'Mars/Olympus' (Unknown time-zone ID: Mars/Olympus)",
            "tokenjoule.yaml:6:19: economics.time_of_use[0].days[1]: expected a weekday such as"
                + " mon or monday, got 'someday'",
            "tokenjoule.yaml:7:13: economics.time_of_use[0].from: expected a time of day such as"
                + " 07:00 or 24:00, got '25:00'",
            "tokenjoule.yaml:8:11: economics.time_of_use[0].to: expected a time of day such as"
                + " 07:00 or 24:00, got '26:00'",
            "tokenjoule.yaml:10:7: economics.time_of_use[1]: a tariff window runs from"
                + " 00:00..23:59 to a later time up to 24:00, got 22:00 to 06:00; split a window"
                + " that crosses midnight in two",
            "tokenjoule.yaml:13:8: economics.pue: must be >= 1, got 0.9",
            "tokenjoule.yaml:15:5: economics.indicative_rates.ABC: ABC is not an ISO 4217"
                + " currency code",
            "tokenjoule.yaml:16:10: economics.indicative_rates.EUR: expected a number such as"
                + " 0.12, got 'lots'"),
        problems(
            """
            economics:
              currency: ABC
              price_per_kwh: -1
              time_zone: Mars/Olympus
              time_of_use:
                - days: [mon, someday]
                  from: 25:00
                  to: 26:00
                  price_per_kwh: 1
                - from: 22:00
                  to: 06:00
                  price_per_kwh: 1
              pue: 0.9
              indicative_rates:
                ABC: 1
                EUR: lots
            """));
  }

  @Test
  void currencyAndPriceAreRequired() {
    assertEquals(
        "tokenjoule.yaml:2:3: economics: missing required key 'currency'; required keys:"
            + " currency, price_per_kwh",
        problems("economics:\n  pue: 1.2\n  price_per_kwh: 0.1\n"));
  }
}
