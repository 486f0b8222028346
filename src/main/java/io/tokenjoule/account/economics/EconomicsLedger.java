package io.tokenjoule.account.economics;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns each tick's accounting into money, carbon and water. Totals integrate tick by tick, so a
 * time-of-use price or a live grid intensity applies to the energy of the tick it was in force;
 * windowed figures use the price and intensity of now. Pure: the caller supplies the instant and
 * the intensity. Not thread-safe.
 */
public final class EconomicsLedger {

  private static final double SECONDS_PER_HOUR = 3600;

  private final Economics economics;
  private final Map<String, Totals> totals = new HashMap<>();

  public EconomicsLedger(Economics economics) {
    this.economics = Objects.requireNonNull(economics, "economics");
  }

  /**
   * @param now the wall-clock instant of the tick, for the tariff
   * @param gridGramsPerKwh the grid intensity in force, NaN when unknown
   * @param accounting this tick's accounting
   */
  public EconomicsSnapshot tick(
      Instant now, double gridGramsPerKwh, AccountingSnapshot accounting) {
    EnergyPrice price = economics.tariff().priceAt(now);
    SiteFactors site = economics.site();
    List<ServerEconomics> servers = new ArrayList<>(accounting.servers().size());
    for (ServerAccount server : accounting.servers()) {
      Totals total = totals.computeIfAbsent(server.name(), name -> new Totals());
      total.add(server.energyJoulesTotal(), price, gridGramsPerKwh, site);
      servers.add(figures(server, total, price, gridGramsPerKwh));
    }
    return new EconomicsSnapshot(economics, price, gridGramsPerKwh, servers);
  }

  private ServerEconomics figures(
      ServerAccount server, Totals total, EnergyPrice price, double gridGramsPerKwh) {
    SiteFactors site = economics.site();
    WindowStats window = server.window();
    double generated = window.generatedTokens();
    double all = window.promptTokens() + generated;
    double facilityKwh = EnergyUnits.kilowattHours(site.facilityJoules(window.energyJoules()));
    PerMillionTokens facilityKwhPerMillion = PerMillionTokens.of(facilityKwh, generated, all);
    double computeCost =
        economics.gpuHourPrice() * server.gpuShare() * window.coveredSeconds() / SECONDS_PER_HOUR;
    double cost = facilityKwh * price.perKilowattHour();
    return new ServerEconomics(
        server.name(),
        total.cost,
        total.carbonGrams,
        site.hasWater() ? total.waterLiters : Double.NaN,
        facilityKwhPerMillion.times(price.perKilowattHour()),
        PerMillionTokens.of(computeCost, generated, all),
        window.requests() > 0 ? cost / window.requests() : Double.NaN,
        facilityKwhPerMillion.times(gridGramsPerKwh),
        PerMillionTokens.of(site.waterLiters(window.energyJoules()), generated, all));
  }

  /** One server's running totals and the energy total they were last brought up to. */
  private static final class Totals {
    private double energyJoules;
    private double cost;
    private double carbonGrams;
    private double waterLiters;

    void add(double energyJoulesTotal, EnergyPrice price, double gramsPerKwh, SiteFactors site) {
      double increase = energyJoulesTotal - energyJoules;
      energyJoules = energyJoulesTotal;
      if (!(increase > 0)) {
        return;
      }
      double facilityJoules = site.facilityJoules(increase);
      cost += price.costOf(facilityJoules);
      if (gramsPerKwh >= 0) {
        carbonGrams += EnergyUnits.kilowattHours(facilityJoules) * gramsPerKwh;
      }
      if (site.hasWater()) {
        waterLiters += site.waterLiters(increase);
      }
    }
  }
}
