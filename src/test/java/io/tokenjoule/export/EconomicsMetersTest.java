package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsLedger;
import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.ExchangeRate;
import io.tokenjoule.account.economics.Money;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.account.economics.Tariff;
import io.tokenjoule.account.split.SplitEstimate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EconomicsMetersTest {

  private static final String LABELS = "engine=\"vllm\",server=\"s\",source=\"nvml\"";

  /** 1 kWh over the window, 1 M prompt and 1 M generated tokens, 500 requests, one GPU. */
  private static AccountingSnapshot snapshot() {
    ServerAccount server =
        new ServerAccount(
            "s",
            "vllm",
            false,
            true,
            List.of(new ModelAccount("m", 1e6, 1e6, 500)),
            3.6e6,
            3,
            1,
            new IdleStats(7200, 72),
            SplitEstimate.NOT_FITTED,
            new WindowStats(3600, 3.6e6, 1e6, 1e6, 500, 12.5, 3.6, 1.8, 7200, 0.01, 0.01));
    return new AccountingSnapshot(1, List.of(), List.of(server));
  }

  private static String publish(Economics economics) {
    PrometheusMeterRegistry registry = PrometheusNaming.newRegistry();
    MetricsPublisher publisher =
        new MetricsPublisher(registry, "nvml", List.of(), Optional.ofNullable(economics));
    AccountingSnapshot accounting = snapshot();
    publisher.publish(
        accounting,
        economics == null
            ? null
            : new EconomicsLedger(economics).tick(Instant.EPOCH, 300, accounting),
        null,
        Map.of());
    return registry.scrape();
  }

  /** The value of the one series that starts with {@code series}, within rounding. */
  private static void assertValue(String page, String series, double expected) {
    String line =
        page.lines()
            .filter(l -> l.startsWith(series + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(series + " not in\n" + page));
    assertEquals(expected, Double.parseDouble(line.substring(series.length() + 1)), 1e-12, line);
  }

  @Test
  void publishesMoneyInTheTariffCurrencyAndIndicativelyInOthers() {
    String page =
        publish(
            new Economics(
                Tariff.flat(new EnergyPrice(0.10, Money.currency("USD"))),
                new SiteFactors(1.5, 2),
                3,
                List.of(new ExchangeRate(Money.currency("EUR"), 0.5))));
    // 1 kWh IT = 1.5 kWh facility = 0.15 USD over 1 M generated and 2 M tokens.
    assertValue(
        page,
        "tokenjoule_energy_cost_per_million_tokens{currency=\"USD\",engine=\"vllm\","
            + "indicative=\"false\",kind=\"generated\",scope=\"facility\","
            + "server=\"s\",source=\"nvml\"}",
        0.15);
    assertValue(
        page,
        "tokenjoule_energy_cost_per_million_tokens{currency=\"EUR\",engine=\"vllm\","
            + "indicative=\"true\",kind=\"all\",scope=\"facility\","
            + "server=\"s\",source=\"nvml\"}",
        0.0375);
    assertValue(
        page,
        "tokenjoule_server_energy_cost_total{currency=\"USD\",engine=\"vllm\","
            + "indicative=\"false\",scope=\"facility\",server=\"s\","
            + "source=\"nvml\"}",
        0.15);
    // One GPU for an hour at 3 USD over 1 M generated tokens.
    assertValue(
        page,
        "tokenjoule_compute_cost_per_million_tokens{currency=\"USD\",engine=\"vllm\","
            + "indicative=\"false\",kind=\"generated\",server=\"s\","
            + "source=\"nvml\"}",
        3.0);
    assertValue(
        page,
        "tokenjoule_energy_cost_per_request{currency=\"USD\",engine=\"vllm\","
            + "indicative=\"false\",scope=\"facility\",server=\"s\","
            + "source=\"nvml\"}",
        3.0E-4);
    // 1.5 kWh × 300 g = 450 g; water 1 kWh IT × 2 L.
    assertValue(
        page,
        "tokenjoule_carbon_per_million_tokens_grams{engine=\"vllm\",kind=\"generated\","
            + "scope=\"facility\",server=\"s\",source=\"nvml\"}",
        450.0);
    assertValue(
        page,
        "tokenjoule_server_carbon_grams_total{engine=\"vllm\",scope=\"facility\","
            + "server=\"s\",source=\"nvml\"}",
        450.0);
    assertValue(
        page,
        "tokenjoule_water_per_million_tokens_liters{engine=\"vllm\",kind=\"all\","
            + "server=\"s\",source=\"nvml\"}",
        1.0);
    assertValue(page, "tokenjoule_server_water_liters_total{" + LABELS + "}", 2.0);
    assertValue(
        page, "tokenjoule_electricity_price_per_kwh{currency=\"EUR\",indicative=\"true\"}", 0.05);
    assertTrue(page.contains("tokenjoule_pue 1.5"), page);
  }

  @Test
  void withoutEconomicsOnlyTheEnergyFiguresExist() {
    String page = publish(null);
    assertFalse(page.contains("cost"), page);
    assertFalse(page.contains("carbon"), page);
    assertFalse(page.contains("tokenjoule_pue"), page);
    assertValue(page, "tokenjoule_idle_power_watts{" + LABELS + "}", 72.0);
    assertValue(page, "tokenjoule_server_idle_energy_joules_total{" + LABELS + "}", 7200.0);
    assertValue(page, "tokenjoule_window_mean_running_requests{" + LABELS + "}", 12.5);
  }

  @Test
  void waterAndComputeCostNeedTheirSettings() {
    String page =
        publish(
            new Economics(
                Tariff.flat(new EnergyPrice(0.10, Money.currency("USD"))),
                SiteFactors.IT_ONLY,
                Double.NaN,
                List.of()));
    assertTrue(page.contains("scope=\"it\""), page);
    assertFalse(page.contains("water"), page);
    assertFalse(page.contains("compute_cost"), page);
  }
}
