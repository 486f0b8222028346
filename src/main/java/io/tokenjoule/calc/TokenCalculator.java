package io.tokenjoule.calc;

import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.EnergyUnits;
import io.tokenjoule.account.economics.SiteFactors;

/**
 * Turns power and throughput into what a token, a query and a fleet cost in energy, money, carbon
 * and water. Pure and stateless.
 */
public final class TokenCalculator {

  private static final double MILLION = 1e6;

  private TokenCalculator() {}

  public static TokenFigures figures(CalculatorInput in) {
    SiteFactors site = in.site();
    EnergyPrice price = in.energyPrice();
    double itJoulesPerToken = in.powerWatts() / in.tokensPerSecond();
    double joulesPerToken = site.facilityJoules(itJoulesPerToken);
    double joulesPerMillion = joulesPerToken * MILLION;
    double joulesPerQuery = joulesPerToken * in.queryTokens();
    return new TokenFigures(
        joulesPerToken,
        price == null ? Double.NaN : price.costOf(joulesPerMillion),
        in.gpuHourPrice() == null
            ? Double.NaN
            : in.gpuHourPrice().costPerToken(in.tokensPerSecond()) * MILLION,
        EnergyUnits.wattHours(joulesPerQuery),
        price == null ? Double.NaN : price.costOf(joulesPerQuery),
        EnergyUnits.JOULES_PER_KILOWATT_HOUR / joulesPerQuery,
        carbonGrams(in, joulesPerMillion),
        site.waterLiters(itJoulesPerToken * MILLION),
        fleet(in, FleetTotals.SECONDS_PER_DAY),
        fleet(in, FleetTotals.SECONDS_PER_YEAR));
  }

  private static FleetTotals fleet(CalculatorInput in, double seconds) {
    double itJoules = in.powerWatts() * in.nodes() * seconds;
    double joules = in.site().facilityJoules(itJoules);
    return new FleetTotals(
        seconds,
        EnergyUnits.kilowattHours(joules),
        in.energyPrice() == null ? Double.NaN : in.energyPrice().costOf(joules),
        in.gpuHourPrice() == null ? Double.NaN : in.gpuHourPrice().nodeCost(seconds) * in.nodes(),
        carbonGrams(in, joules) / 1000,
        in.site().waterLiters(itJoules),
        in.tokensPerSecond() * in.nodes() * seconds);
  }

  private static double carbonGrams(CalculatorInput in, double facilityJoules) {
    return in.hasGrid()
        ? EnergyUnits.kilowattHours(facilityJoules) * in.gridGramsPerKwh()
        : Double.NaN;
  }
}
