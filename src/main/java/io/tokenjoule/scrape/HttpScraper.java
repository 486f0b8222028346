package io.tokenjoule.scrape;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrapes one target: fetches its page within the limits, parses the samples its engine profile
 * wants, and extracts the counters. The returned future always succeeds: a failure is a {@link
 * ScrapeOutcome.Failure} with its reason, so one bad target never affects another.
 */
public final class HttpScraper {

  private final MetricsPageClient client;
  private final ScrapeLimits limits;
  private final MonotonicClock clock;
  // One selector per profile, built once: a selector indexes the profile's names.
  private final Map<EngineProfile, SampleSelector> selectors = new ConcurrentHashMap<>();

  public HttpScraper(MetricsPageClient client, ScrapeLimits limits, MonotonicClock clock) {
    this.client = client;
    this.limits = limits;
    this.clock = clock;
  }

  public Future<ScrapeOutcome> scrape(ScrapeTarget target) {
    double started = clock.nowSeconds();
    return client
        .fetch(target.url(), target.profile().acceptHeader(), limits)
        .map(page -> read(target, page, started))
        .otherwise(error -> failure(target, error, started));
  }

  private ScrapeOutcome read(ScrapeTarget target, FetchedPage page, double started) {
    EngineProfile profile = target.profile();
    try {
      ParseResult parsed =
          ExpositionParser.parse(
              page.body(),
              0,
              page.length(),
              ExpositionFormat.fromContentType(page.contentType()),
              selectors.computeIfAbsent(profile, p -> SampleSelector.names(p.sampleNames())),
              new ParserLimits(limits.maxSeries()));
      if (!parsed.complete()) {
        return new ScrapeOutcome.Failure(
            ScrapeError.TRUNCATED,
            target.url() + ": page ended early (" + page.length() + " bytes)",
            clock.nowSeconds() - started);
      }
      EngineCounters counters = profile.extract(parsed.samples());
      ServerReading reading =
          new ServerReading(
              page.counterTimestampSeconds(), page.counterTimeUncertaintySeconds(), counters);
      return new ScrapeOutcome.Success(
          reading, clock.nowSeconds() - started, parsed.unparsedLines(), page.length());
    } catch (ExpositionLimitException e) {
      return new ScrapeOutcome.Failure(
          ScrapeError.TOO_MANY_SERIES,
          target.url() + ": " + e.getMessage(),
          clock.nowSeconds() - started);
    } catch (MissingMetricsException e) {
      return new ScrapeOutcome.Failure(
          ScrapeError.MISSING_METRICS,
          target.url() + " (engine " + profile.engine() + "): " + e.getMessage(),
          clock.nowSeconds() - started);
    }
  }

  private ScrapeOutcome failure(ScrapeTarget target, Throwable error, double started) {
    double duration = clock.nowSeconds() - started;
    if (error instanceof ScrapeFailure failure) {
      return new ScrapeOutcome.Failure(failure.error(), failure.getMessage(), duration);
    }
    return new ScrapeOutcome.Failure(
        ScrapeError.INTERNAL, target.url() + ": could not read the page: " + error, duration);
  }
}
