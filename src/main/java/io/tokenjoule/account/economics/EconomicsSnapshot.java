package io.tokenjoule.account.economics;

import java.util.List;

/**
 * Economics at the end of one tick.
 *
 * @param economics the settings the figures were computed with
 * @param price the electricity price in force
 * @param gridGramsPerKwh the grid's carbon intensity used, NaN when none is known
 * @param servers one entry per server of the accounting snapshot, in its order
 */
public record EconomicsSnapshot(
    Economics economics, EnergyPrice price, double gridGramsPerKwh, List<ServerEconomics> servers) {
  public EconomicsSnapshot {
    servers = List.copyOf(servers);
  }
}
