package io.tokenjoule.scrape;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scrapes one target: streams its page through the parser within the limits, keeping only the
 * samples its engine profile wants, extracts the counters and admits its models. Parsing and
 * extraction run on the page client's worker threads, never on the event loop or the caller's
 * thread. The returned future always succeeds: a failure is a {@link ScrapeOutcome.Failure} with
 * its reason, so one bad target never affects another; what the limits refused is in the outcome's
 * drops either way.
 */
public final class HttpScraper {

  private final MetricsPageClient client;
  private final ScrapeLimits limits;
  private final ParserLimits parserLimits;
  private final MonotonicClock clock;
  // One selector per profile, built once: a selector indexes the profile's names.
  private final Map<EngineProfile, SampleSelector> selectors = new ConcurrentHashMap<>();
  private final Map<String, ModelAdmission> admissions = new ConcurrentHashMap<>();
  private final Map<String, CounterSanity> sanities = new ConcurrentHashMap<>();

  public HttpScraper(MetricsPageClient client, ScrapeLimits limits, MonotonicClock clock) {
    this.client = client;
    this.limits = limits;
    this.parserLimits = limits.parserLimits();
    this.clock = clock;
  }

  public Future<ScrapeOutcome> scrape(ScrapeTarget target) {
    double started = clock.nowSeconds();
    EngineProfile profile = target.profile();
    SampleSelector selector =
        selectors.computeIfAbsent(profile, p -> SampleSelector.names(p.sampleNames()));
    AtomicReference<ParsingBody> body = new AtomicReference<>();
    return client
        .read(
            target.url(),
            profile.acceptHeader(),
            limits,
            (head, declaredLength) -> {
              ParsingBody parsing = new ParsingBody(head, selector, parserLimits);
              body.set(parsing);
              return parsing;
            })
        .map(page -> read(target, page, started))
        .otherwise(error -> failure(target, error, started, body.get()));
  }

  private ScrapeOutcome read(ScrapeTarget target, StreamedPage page, double started) {
    EngineProfile profile = target.profile();
    ParseResult parsed = page.parsed();
    DropCounts drops = new DropCounts();
    drops.addAll(parsed.drops());
    if (!parsed.complete()) {
      return new ScrapeOutcome.Failure(
          ScrapeError.TRUNCATED,
          target.url() + ": page ended early (" + page.bodyBytes() + " bytes)",
          clock.nowSeconds() - started,
          drops.snapshot());
    }
    try {
      EngineCounters counters = admission(target).admit(profile.extract(parsed.samples()), drops);
      if (counters == null) {
        return new ScrapeOutcome.Failure(
            ScrapeError.MISSING_METRICS,
            target.url() + ": every model on the page was refused by the model limits",
            clock.nowSeconds() - started,
            drops.snapshot());
      }
      ServerReading reading =
          new ServerReading(
              page.head().counterTimestampSeconds(),
              page.head().counterTimeUncertaintySeconds(),
              counters);
      Optional<String> implausible = sanity(target).check(reading);
      if (implausible.isPresent()) {
        return new ScrapeOutcome.Failure(
            ScrapeError.IMPLAUSIBLE_COUNTER,
            target.url() + ": " + implausible.get(),
            clock.nowSeconds() - started,
            drops.snapshot());
      }
      return new ScrapeOutcome.Success(
          reading,
          clock.nowSeconds() - started,
          parsed.unparsedLines(),
          page.bodyBytes(),
          drops.snapshot());
    } catch (MissingMetricsException e) {
      return new ScrapeOutcome.Failure(
          ScrapeError.MISSING_METRICS,
          target.url() + " (engine " + profile.engine() + "): " + e.getMessage(),
          clock.nowSeconds() - started,
          drops.snapshot());
    }
  }

  private ModelAdmission admission(ScrapeTarget target) {
    return admissions.computeIfAbsent(
        target.server(),
        server -> new ModelAdmission(limits.maxModels(), limits.maxNewModelsPerScrape()));
  }

  private CounterSanity sanity(ScrapeTarget target) {
    return sanities.computeIfAbsent(
        target.server(), server -> new CounterSanity(limits.maxTokensPerSecond()));
  }

  private ScrapeOutcome failure(
      ScrapeTarget target, Throwable error, double started, ParsingBody body) {
    double duration = clock.nowSeconds() - started;
    if (error instanceof ScrapeFailure failure) {
      Map<DropReason, Long> drops =
          switch (failure.error()) {
            case BODY_TOO_LARGE -> Map.of(DropReason.BODY_BYTES, 1L);
            case TOO_MANY_SERIES -> body == null ? Map.of() : body.pageDrops();
            default -> Map.of();
          };
      return new ScrapeOutcome.Failure(failure.error(), failure.getMessage(), duration, drops);
    }
    return new ScrapeOutcome.Failure(
        ScrapeError.INTERNAL, target.url() + ": could not read the page: " + error, duration);
  }
}
