package io.tokenjoule.export;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.scrape.ScrapeOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest tick for the status page. The tick thread {@link #update}s it; HTTP threads read
 * {@link #latest()}, an immutable view, without locking.
 */
public final class StatusBoard {

  private final Clock clock;
  private final Duration refresh;
  private long ticks;
  private volatile StatusView latest;

  /**
   * @param refresh how often the page fetches the board again: the tick interval
   */
  public StatusBoard(Clock clock, Duration refresh) {
    this.clock = clock;
    this.refresh = refresh;
  }

  /** How often the page fetches the board again. */
  Duration refresh() {
    return refresh;
  }

  /** Takes a published tick; arguments as {@link MetricsPublisher#publish}. */
  void update(
      AccountingSnapshot snapshot,
      EconomicsSnapshot economics,
      List<RegressionView> regressions,
      Map<String, ScrapeOutcome> outcomes) {
    ticks++;
    latest = new StatusView(ticks, clock.instant(), snapshot, economics, regressions, outcomes);
  }

  /** The last tick, or empty before the first. */
  Optional<StatusView> latest() {
    return Optional.ofNullable(latest);
  }
}
