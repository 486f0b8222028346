package io.tokenjoule.agent;

import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeOutcome;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when a scrape target starts failing, fails for a new reason, or recovers: once per change
 * rather than once per tick, so a dead target does not flood the log. (GPU sources log their own
 * GPUs' changes, with what they know of retries.)
 */
final class ScrapeHealthLog {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHealthLog.class);

  private final Map<String, ScrapeError> failing = new HashMap<>();

  void observe(Map<String, ScrapeOutcome> scrapes) {
    scrapes.forEach(
        (server, outcome) -> {
          if (outcome instanceof ScrapeOutcome.Failure failure) {
            if (failing.put(server, failure.error()) != failure.error()) {
              LOG.warn(
                  "server {} cannot be scraped: {}: {}",
                  server,
                  failure.error().label(),
                  failure.message());
            }
          } else if (failing.remove(server) != null) {
            LOG.info("server {} is scraped again", server);
          }
        });
  }
}
