package io.tokenjoule.config;

import io.tokenjoule.scrape.ScrapeLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits for scraping inference servers.
 *
 * @param timeout per scrape, more than 0 and at most the tick ({@link AgentConfig} checks that)
 * @param maxBodyBytes the largest metrics page read, 1 KiB to 1 GiB
 * @param maxSeries the most sample lines read from one page, 1 to 10,000,000
 * @param series what a scrape keeps of a page: label, series and model limits
 * @param maxTokensPerSecond the most a token or request counter may rise per second; a reading past
 *     it (a glitch) is refused, 1000 to {@link #MAX_TOKENS_PER_SECOND_LIMIT}
 */
public record ScrapeConfig(
    Duration timeout,
    long maxBodyBytes,
    int maxSeries,
    SeriesLimits series,
    long maxTokensPerSecond) {

  /** The default timeout when the tick is 1 s or longer; see {@link #defaultTimeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
  public static final long MIN_BODY_BYTES = 1L << 10;
  public static final long MAX_BODY_BYTES = 1L << 30;
  public static final int DEFAULT_MAX_SERIES = 200_000;
  public static final int MAX_SERIES_LIMIT = 10_000_000;
  public static final long DEFAULT_MAX_TOKENS_PER_SECOND =
      ScrapeLimits.DEFAULT_MAX_TOKENS_PER_SECOND;
  public static final long MAX_TOKENS_PER_SECOND_LIMIT = 1L << 40;

  public ScrapeConfig {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(series, "series");
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      throw new IllegalArgumentException(
          "scrape timeout must be at least 1ms, got " + DurationSyntax.format(timeout));
    }
    if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "max body bytes must be between 1KiB and 1GiB, got " + maxBodyBytes);
    }
    if (maxSeries < 1 || maxSeries > MAX_SERIES_LIMIT) {
      throw new IllegalArgumentException(
          "max series must be between 1 and 10000000, got " + maxSeries);
    }
    if (maxTokensPerSecond < 1000 || maxTokensPerSecond > MAX_TOKENS_PER_SECOND_LIMIT) {
      throw new IllegalArgumentException(
          "max tokens per second must be between 1000 and "
              + MAX_TOKENS_PER_SECOND_LIMIT
              + ", got "
              + maxTokensPerSecond);
    }
  }

  /** The given limits, with the default counter rate limit. */
  public ScrapeConfig(Duration timeout, long maxBodyBytes, int maxSeries, SeriesLimits series) {
    this(timeout, maxBodyBytes, maxSeries, series, DEFAULT_MAX_TOKENS_PER_SECOND);
  }

  /** The given limits, with the default {@link SeriesLimits}. */
  public ScrapeConfig(Duration timeout, long maxBodyBytes, int maxSeries) {
    this(timeout, maxBodyBytes, maxSeries, SeriesLimits.DEFAULTS);
  }

  /** The defaults for a tick: see {@link #defaultTimeout}, 16 MiB, 200,000 series. */
  public static ScrapeConfig defaults(Duration tick) {
    return new ScrapeConfig(defaultTimeout(tick), DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SERIES);
  }

  /**
   * 500 ms, or half the tick when that is shorter: the tick waits for its scrapes up to the
   * timeout, so a server that never answers still leaves the tick half of its time, and a shorter
   * tick alone never makes the default timeout invalid.
   */
  public static Duration defaultTimeout(Duration tick) {
    Duration fraction = tick.dividedBy(2);
    return fraction.compareTo(DEFAULT_TIMEOUT) < 0 ? fraction : DEFAULT_TIMEOUT;
  }
}
