package io.tokenjoule.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.account.economics.ExchangeRate;

/**
 * Site-wide economics gauges: the electricity price in force ({@code
 * tokenjoule_electricity_price_per_kwh}, once per currency) and the PUE ({@code tokenjoule_pue}).
 * The PUE is registered at construction; the prices at the first tick, which sets the price in
 * force, so they never show a price not yet known.
 */
final class TariffMeters {

  private final MeterRegistry registry;
  private final Economics economics;
  private volatile double pricePerKwh = Double.NaN;

  TariffMeters(MeterRegistry registry, Economics economics) {
    this.registry = registry;
    this.economics = economics;
    double pue = economics.site().pue();
    Gauge.builder("tokenjoule.pue", () -> pue)
        .description("Power usage effectiveness applied to GPU energy for cost and carbon.")
        .register(registry);
  }

  private void price(String currency, double rate, String indicative) {
    Gauge.builder("tokenjoule.electricity.price.per.kwh", this, m -> m.pricePerKwh * rate)
        .description("Electricity price per kWh in force now (time-of-use tariffs applied).")
        .tag("currency", currency)
        .tag("indicative", indicative)
        .strongReference(true)
        .register(registry);
  }

  void update(EconomicsSnapshot snapshot) {
    boolean first = Double.isNaN(pricePerKwh);
    pricePerKwh = snapshot.price().perKilowattHour();
    if (first) {
      price(economics.tariff().base().currency().getCurrencyCode(), 1, "false");
      for (ExchangeRate rate : economics.indicativeRates()) {
        price(rate.currency().getCurrencyCode(), rate.perBaseUnit(), "true");
      }
    }
  }
}
