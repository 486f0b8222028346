package io.tokenjoule.agent;

import io.tokenjoule.logging.RepeatLimiter;
import io.tokenjoule.scrape.DropReason;
import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs scrape trouble without flooding the log: a target that starts failing, fails for a new
 * reason, or recovers is logged at once; a failure that goes on, or a limit that keeps refusing
 * series, is logged once per target and reason per {@link #INTERVAL}, with how many times it
 * happened since the last line. (GPU sources log their own GPUs' changes.) Called from the tick
 * thread only.
 */
final class ScrapeHealthLog {

  static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHealthLog.class);

  private final Map<String, ScrapeError> failing = new HashMap<>();
  private final Map<String, Long> dropped = new HashMap<>();
  private final RepeatLimiter limiter;

  ScrapeHealthLog(RepeatLimiter limiter) {
    this.limiter = limiter;
  }

  ScrapeHealthLog() {
    this(new RepeatLimiter(INTERVAL));
  }

  void observe(Map<String, ScrapeOutcome> scrapes) {
    scrapes.forEach(
        (server, outcome) -> {
          if (outcome instanceof ScrapeOutcome.Failure failure) {
            failed(server, failure);
          } else if (failing.remove(server) != null) {
            LOG.info("server {} is scraped again", server);
          }
          outcome.drops().forEach((reason, count) -> dropped(server, reason, count, outcome));
        });
  }

  private void failed(String server, ScrapeOutcome.Failure failure) {
    String key = server + " " + failure.error().label();
    if (failing.put(server, failure.error()) != failure.error()) {
      limiter.forget(key);
    }
    long repeats = limiter.admit(key);
    if (repeats == 0) {
      LOG.warn(
          "server {} cannot be scraped: {}: {}",
          server,
          failure.error().label(),
          failure.message());
    } else if (repeats > 0) {
      LOG.warn(
          "server {} still cannot be scraped: {}, {} more times since the last line: {}",
          server,
          failure.error().label(),
          repeats,
          failure.message());
    }
  }

  private void dropped(String server, DropReason reason, long count, ScrapeOutcome outcome) {
    String key = server + " dropped " + reason.label();
    long total = dropped.merge(key, count, Long::sum);
    if (limiter.admit(key) >= 0) {
      dropped.remove(key);
      LOG.warn(
          "server {}: {} refused by the {} limit since the last line{}",
          server,
          total,
          reason.label(),
          outcome instanceof ScrapeOutcome.Failure ? "" : " (the rest of the page was read)");
    }
  }
}
