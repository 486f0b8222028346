package io.tokenjoule.account.economics;

/**
 * One server's money, carbon and water at the end of a tick. Money is in the tariff's currency;
 * carbon and cost come from facility energy (PUE applied), water from IT energy.
 *
 * @param server the server's name
 * @param energyCostTotal what its energy cost since the agent started, each tick's energy at the
 *     price in force then
 * @param carbonGramsTotal gCO2e of its energy since the agent started, each tick's energy at the
 *     grid intensity of that tick; ticks without a known intensity add nothing
 * @param waterLitersTotal litres of water since the agent started; NaN without a WUE
 * @param energyCostPerMillionTokens over the window, at the price in force now
 * @param computeCostPerMillionTokens the GPU-hour price of the server's GPU share over the window's
 *     covered time, per million tokens; NaN without a GPU-hour price
 * @param energyCostPerRequest over the window
 * @param carbonGramsPerMillionTokens over the window, at the intensity now; NaN without one
 * @param waterLitersPerMillionTokens over the window; NaN without a WUE
 */
public record ServerEconomics(
    String server,
    double energyCostTotal,
    double carbonGramsTotal,
    double waterLitersTotal,
    PerMillionTokens energyCostPerMillionTokens,
    PerMillionTokens computeCostPerMillionTokens,
    double energyCostPerRequest,
    PerMillionTokens carbonGramsPerMillionTokens,
    PerMillionTokens waterLitersPerMillionTokens) {}
