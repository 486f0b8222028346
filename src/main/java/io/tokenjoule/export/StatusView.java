package io.tokenjoule.export;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.scrape.ScrapeOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One tick as the status page shows it. Immutable.
 *
 * @param tick how many ticks the board has seen, this one included (1 for the first)
 * @param at when the tick was published (wall clock)
 * @param economics the tick's economics, or null when none are configured
 * @param regressions each server's regression view in the snapshot's order, or null when baselines
 *     are not tracked
 * @param outcomes each server's scrape outcome, by server name
 */
record StatusView(
    long tick,
    Instant at,
    AccountingSnapshot snapshot,
    EconomicsSnapshot economics,
    List<RegressionView> regressions,
    Map<String, ScrapeOutcome> outcomes) {

  StatusView {
    regressions = regressions == null ? null : List.copyOf(regressions);
    outcomes = Map.copyOf(outcomes);
  }
}
