package io.tokenjoule.agent;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsLedger;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.grid.GridIntensity;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts each tick's accounting into money, carbon and water, at the wall-clock instant of the tick
 * (for time-of-use prices) and the grid intensity in force. Called from the tick thread.
 */
final class Valuation {

  private final EconomicsLedger ledger;
  private final Clock wallClock;
  private final Optional<GridIntensity> grid;

  /**
   * @param economics the configured economics; without them every tick values to null
   * @param grid the grid's carbon intensity, if configured
   */
  Valuation(Optional<Economics> economics, Clock wallClock, Optional<GridIntensity> grid) {
    this.ledger = economics.map(EconomicsLedger::new).orElse(null);
    this.wallClock = wallClock;
    this.grid = grid;
  }

  /** This tick's economics, or null when none are configured. */
  EconomicsSnapshot value(AccountingSnapshot accounting) {
    if (ledger == null) {
      return null;
    }
    Instant now = wallClock.instant();
    double gramsPerKwh = grid.map(g -> g.at(now).gramsPerKwh()).orElse(Double.NaN);
    return ledger.tick(now, gramsPerKwh, accounting);
  }
}
