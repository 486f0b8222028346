package io.tokenjoule.calc;

import io.tokenjoule.account.economics.SiteFactors;

/**
 * Everything the calculator derives from one {@link CalculatorInput}. Energy is in the input's
 * scope ({@link SiteFactors#scope()}): facility energy when a PUE above 1 is applied, IT energy
 * otherwise; cost and carbon always follow that energy, water always follows IT energy (WUE is
 * defined on it). Money is in the input's currency. A figure whose input was not given is NaN.
 *
 * @param energyPerTokenJoules J per token
 * @param energyCostPerMillionTokens energy cost of a million tokens
 * @param computeCostPerMillionTokens GPU-hour cost of a million tokens
 * @param energyPerQueryWattHours Wh per query
 * @param costPerQuery energy cost of one query
 * @param queriesPerKilowattHour queries one kWh serves
 * @param carbonPerMillionTokensGrams g CO2 per million tokens
 * @param waterPerMillionTokensLiters litres of water per million tokens
 * @param perDay the fleet's totals for a day
 * @param perYear the fleet's totals for a year of 365 days
 */
public record TokenFigures(
    double energyPerTokenJoules,
    double energyCostPerMillionTokens,
    double computeCostPerMillionTokens,
    double energyPerQueryWattHours,
    double costPerQuery,
    double queriesPerKilowattHour,
    double carbonPerMillionTokensGrams,
    double waterPerMillionTokensLiters,
    FleetTotals perDay,
    FleetTotals perYear) {}
