package io.tokenjoule.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.ExchangeRate;
import io.tokenjoule.account.tenant.Charge;
import io.tokenjoule.account.tenant.FinishedRequest;
import io.tokenjoule.account.tenant.TenantShare;
import io.tokenjoule.account.tenant.TenantTick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy server's energy per tenant, as the agent splits it each tick: {@code
 * tokenjoule_proxy_energy_joules_total{tenant, model, method}}, its cost ({@code
 * tokenjoule_proxy_energy_cost_total{tenant, model, currency, scope, indicative}}, in the tariff's
 * currency and each indicative one, as the server's cost) and carbon ({@code
 * tokenjoule_proxy_carbon_grams_total{tenant, model, scope}}), the energy charged to no tenant
 * ({@code tokenjoule_proxy_idle_energy_joules_total}), and the histogram of energy per request
 * ({@code tokenjoule_proxy_request_energy_joules{tenant, model}}). Called from the tick thread.
 */
final class TenantEnergyMeters {

  /** Bucket bounds of the energy-per-request histogram (J): 1-3-10 steps from 0.01 J to 30 kJ. */
  static final double[] ENERGY_BUCKETS = {
    0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000
  };

  private final MeterRegistry registry;
  private final Map<List<String>, Counter> counters = new HashMap<>();
  private final Map<List<String>, DistributionSummary> perRequest = new HashMap<>();
  private final Counter idle;

  TenantEnergyMeters(MeterRegistry registry) {
    this.registry = registry;
    this.idle =
        Counter.builder("tokenjoule.proxy.idle.energy")
            .baseUnit("joules")
            .description(
                "Energy of the proxy's server while no request ran through the proxy: charged to no"
                    + " tenant.")
            .register(registry);
  }

  /**
   * @param oneByOne the requests whose charges open {@code tick.requestCharges()}, one by one
   * @param economics the economics the charges' money and carbon were computed with, or null
   */
  void record(TenantTick tick, List<FinishedRequest> oneByOne, Economics economics) {
    add(idle, tick.idle().joules());
    for (TenantShare share : tick.shares()) {
      Charge charge = share.charge();
      add(
          counter("tokenjoule.proxy.energy", "joules", share, "method", tick.method().label()),
          charge.joules());
      if (economics != null) {
        recordMoney(share, economics);
      }
    }
    for (int i = 0; i < oneByOne.size() && i < tick.requestCharges().size(); i++) {
      FinishedRequest request = oneByOne.get(i);
      histogram(request.tenant(), request.model()).record(tick.requestCharges().get(i).joules());
    }
  }

  private void recordMoney(TenantShare share, Economics economics) {
    String scope = economics.site().scope();
    String base = economics.tariff().base().currency().getCurrencyCode();
    add(cost(share, base, scope, "false"), share.charge().cost());
    for (ExchangeRate rate : economics.indicativeRates()) {
      add(
          cost(share, rate.currency().getCurrencyCode(), scope, "true"),
          share.charge().cost() * rate.perBaseUnit());
    }
    add(
        counter("tokenjoule.proxy.carbon", "grams", share, "scope", scope),
        share.charge().carbonGrams());
  }

  private Counter cost(TenantShare share, String currency, String scope, String indicative) {
    return counter(
        "tokenjoule.proxy.energy.cost",
        null,
        share,
        "currency",
        currency,
        "scope",
        scope,
        "indicative",
        indicative);
  }

  private Counter counter(String name, String unit, TenantShare share, String... tags) {
    List<String> key = new ArrayList<>(List.of(name, share.tenant(), share.model()));
    key.addAll(List.of(tags));
    return counters.computeIfAbsent(
        key,
        k ->
            Counter.builder(name)
                .baseUnit(unit)
                .description(description(name))
                .tag("tenant", share.tenant())
                .tag("model", share.model())
                .tags(tags)
                .register(registry));
  }

  private DistributionSummary histogram(String tenant, String model) {
    return perRequest.computeIfAbsent(
        List.of(tenant, model),
        k ->
            DistributionSummary.builder("tokenjoule.proxy.request.energy")
                .baseUnit("joules")
                .description("Energy per request: its share of its server's energy.")
                .serviceLevelObjectives(ENERGY_BUCKETS)
                .tag("tenant", tenant)
                .tag("model", model)
                .register(registry));
  }

  private static String description(String name) {
    return switch (name) {
      case "tokenjoule.proxy.energy" ->
          "Energy of the proxy's server charged to the tenant, split by tokens as method says.";
      case "tokenjoule.proxy.energy.cost" ->
          "What the tenant's share of the energy cost, at the price of each moment.";
      default -> "gCO2e of the tenant's share of the energy, at the grid intensity of each moment.";
    };
  }

  private static void add(Counter counter, double amount) {
    if (amount > 0 && Double.isFinite(amount)) {
      counter.increment(amount);
    }
  }
}
