package io.tokenjoule.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.account.economics.ExchangeRate;

/**
 * Site-wide economics gauges: the electricity price in force ({@code
 * tokenjoule_electricity_price_per_kwh}, once per currency) and the PUE ({@code tokenjoule_pue}).
 * Registered at construction; the price reads the latest tick's.
 */
final class TariffMeters {

  private volatile double pricePerKwh = Double.NaN;

  TariffMeters(MeterRegistry registry, Economics economics) {
    price(registry, economics.tariff().base().currency().getCurrencyCode(), 1, "false");
    for (ExchangeRate rate : economics.indicativeRates()) {
      price(registry, rate.currency().getCurrencyCode(), rate.perBaseUnit(), "true");
    }
    double pue = economics.site().pue();
    Gauge.builder("tokenjoule.pue", () -> pue)
        .description("Power usage effectiveness applied to GPU energy for cost and carbon.")
        .register(registry);
  }

  private void price(MeterRegistry registry, String currency, double rate, String indicative) {
    Gauge.builder("tokenjoule.electricity.price.per.kwh", this, m -> m.pricePerKwh * rate)
        .description("Electricity price per kWh in force now (time-of-use tariffs applied).")
        .tag("currency", currency)
        .tag("indicative", indicative)
        .strongReference(true)
        .register(registry);
  }

  void update(EconomicsSnapshot snapshot) {
    pricePerKwh = snapshot.price().perKilowattHour();
  }
}
