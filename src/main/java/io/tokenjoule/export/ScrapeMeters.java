package io.tokenjoule.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.scrape.DropReason;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-target scrape health: {@code tokenjoule_scrape_up}, {@code
 * tokenjoule_scrape_duration_seconds}, {@code tokenjoule_scrape_unparsed_lines}, {@code
 * tokenjoule_scrape_errors_total{reason}} and {@code tokenjoule_scrape_dropped_total{reason}} (what
 * a limit refused: see {@link DropReason}). Labels: {@code server}, {@code engine}. Registered for
 * every configured target from the start, so a target that never answered still shows {@code up 0}.
 */
public final class ScrapeMeters {

  private final MeterRegistry registry;
  private final Map<String, TargetState> targets = new LinkedHashMap<>();

  public ScrapeMeters(MeterRegistry registry, List<ScrapeTarget> scrapeTargets, String source) {
    this.registry = registry;
    for (ScrapeTarget target : scrapeTargets) {
      TargetState state =
          new TargetState(
              Tags.of(
                  "server",
                  target.server(),
                  "engine",
                  target.profile().engine(),
                  "source",
                  source));
      targets.put(target.server(), state);
      Gauge.builder("tokenjoule.scrape.up", state, s -> s.up)
          .description("1 if the last scrape of the server succeeded, else 0.")
          .tags(state.tags)
          .strongReference(true)
          .register(registry);
      Gauge.builder("tokenjoule.scrape.unparsed.lines", state, s -> s.unparsedLines)
          .description("Lines of the server's last page that could not be parsed (tolerated).")
          .tags(state.tags)
          .strongReference(true)
          .register(registry);
    }
  }

  /** Records one scrape's outcome. */
  public void record(String server, ScrapeOutcome outcome) {
    TargetState state = targets.get(server);
    if (state == null) {
      throw new IllegalArgumentException("unknown scrape target " + server);
    }
    state.durationSeconds = outcome.durationSeconds();
    if (!state.durationRegistered) {
      // Registered with the first scrape, so it never shows a duration not yet measured.
      Gauge.builder("tokenjoule.scrape.duration", state, s -> s.durationSeconds)
          .baseUnit("seconds")
          .description("Duration of the last scrape of the server.")
          .tags(state.tags)
          .strongReference(true)
          .register(registry);
      state.durationRegistered = true;
    }
    if (outcome instanceof ScrapeOutcome.Success success) {
      state.up = 1;
      state.unparsedLines = success.unparsedLines();
    } else if (outcome instanceof ScrapeOutcome.Failure failure) {
      state.up = 0;
      Counter.builder("tokenjoule.scrape.errors")
          .description("Failed scrapes, by reason.")
          .tags(state.tags.and("reason", failure.error().label()))
          .register(registry)
          .increment();
    }
    outcome
        .drops()
        .forEach(
            (reason, count) ->
                Counter.builder("tokenjoule.scrape.dropped")
                    .description(
                        "Series, labels, models or pages a scrape limit refused, by reason.")
                    .tags(state.tags.and("reason", reason.label()))
                    .register(registry)
                    .increment(count));
  }

  private static final class TargetState {
    final Tags tags;
    volatile double up;
    volatile double durationSeconds;
    boolean durationRegistered;
    volatile double unparsedLines;

    TargetState(Tags tags) {
      this.tags = tags;
    }
  }
}
