package io.tokenjoule.agent;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsLedger;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import java.time.Clock;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Puts each tick's accounting into money, carbon and water, at the wall-clock instant of the tick
 * (for time-of-use prices) and the grid intensity in force. Called from the tick thread.
 */
final class Valuation {

  private final EconomicsLedger ledger;
  private final Clock wallClock;
  private final DoubleSupplier gridGramsPerKwh;

  /**
   * @param economics the configured economics; without them every tick values to null
   * @param gridGramsPerKwh the grid intensity in force, NaN when unknown
   */
  Valuation(Optional<Economics> economics, Clock wallClock, DoubleSupplier gridGramsPerKwh) {
    this.ledger = economics.map(EconomicsLedger::new).orElse(null);
    this.wallClock = wallClock;
    this.gridGramsPerKwh = gridGramsPerKwh;
  }

  /** This tick's economics, or null when none are configured. */
  EconomicsSnapshot value(AccountingSnapshot accounting) {
    if (ledger == null) {
      return null;
    }
    return ledger.tick(wallClock.instant(), gridGramsPerKwh.getAsDouble(), accounting);
  }
}
