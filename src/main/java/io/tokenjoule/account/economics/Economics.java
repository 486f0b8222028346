package io.tokenjoule.account.economics;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How energy turns into money, carbon and water on this site.
 *
 * @param tariff the electricity price over time
 * @param site PUE and WUE
 * @param gpuHourPrice what one GPU costs per hour in the tariff's currency (rental, or amortised
 *     capex), {@code >= 0}; NaN when not configured (then no compute-cost figures exist)
 * @param indicativeRates conversions into other currencies, one per currency, none into the
 *     tariff's own
 */
public record Economics(
    Tariff tariff, SiteFactors site, double gpuHourPrice, List<ExchangeRate> indicativeRates) {

  public Economics {
    Objects.requireNonNull(tariff, "tariff");
    Objects.requireNonNull(site, "site");
    indicativeRates = List.copyOf(indicativeRates);
    if (!Double.isNaN(gpuHourPrice) && (!(gpuHourPrice >= 0) || Double.isInfinite(gpuHourPrice))) {
      throw new IllegalArgumentException(
          "the GPU-hour price must be a finite number >= 0, got " + gpuHourPrice);
    }
    Set<String> seen = new HashSet<>();
    seen.add(tariff.base().currency().getCurrencyCode());
    for (ExchangeRate rate : indicativeRates) {
      if (!seen.add(rate.currency().getCurrencyCode())) {
        throw new IllegalArgumentException(
            "currency "
                + rate.currency().getCurrencyCode()
                + " is the tariff's own or has two exchange rates");
      }
    }
  }

  public boolean hasGpuHourPrice() {
    return !Double.isNaN(gpuHourPrice);
  }
}
