package io.tokenjoule.calc;

/**
 * What the whole fleet uses and costs over a period of continuous serving. A figure whose input was
 * not given is NaN.
 *
 * @param seconds length of the period
 * @param energyKilowattHours energy in the calculation's scope (facility energy when a PUE above 1
 *     is applied, IT energy otherwise)
 * @param energyCost cost of that energy, in the input's currency
 * @param computeCost cost of the GPU time, in the input's currency
 * @param carbonKilograms CO2 emitted for the facility energy
 * @param waterLiters site water, from IT energy and WUE
 * @param tokens tokens served
 */
public record FleetTotals(
    double seconds,
    double energyKilowattHours,
    double energyCost,
    double computeCost,
    double carbonKilograms,
    double waterLiters,
    double tokens) {

  public static final double SECONDS_PER_DAY = 86_400;

  /** A year of 365 days, as electricity and carbon reports count one. */
  public static final double SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;
}
