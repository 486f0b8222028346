package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks at a whole /metrics page the way the agent would: parses every sample, recognises the
 * engine, and reads its counters. For the {@code probe} command, where a person wants to know why a
 * server is or is not understood; the agent itself parses only the samples its profile needs.
 *
 * <p>Stateless and thread-safe.
 */
public final class PageProbe {

  private PageProbe() {}

  /** Probes a page; never throws for what the page contains. */
  public static ProbeReport probe(byte[] body, ExpositionFormat format, ParserLimits limits) {
    Objects.requireNonNull(body, "body");
    ParseResult page;
    try {
      page = ExpositionParser.parse(body, format, SampleSelector.all(), limits);
    } catch (ExpositionLimitException e) {
      int lines = e.reason() == DropReason.SERIES ? (int) e.limit() + 1 : 0;
      return new ProbeReport(null, e.getMessage(), List.of(), lines, 0, List.of());
    }
    Set<String> names = new TreeSet<>();
    for (Sample sample : page.samples()) {
      names.add(sample.name());
    }
    Optional<EngineProfiles.Detection> detection = EngineProfiles.detect(names);
    if (detection.isEmpty()) {
      return report(
          null,
          "no known engine ("
              + String.join(", ", EngineProfiles.names())
              + ") among "
              + names.size()
              + " metric names",
          List.of(),
          page);
    }
    EngineProfile profile = detection.get().profile();
    List<Sample> kept = new ArrayList<>();
    for (Sample sample : page.samples()) {
      if (profile.sampleNames().contains(sample.name())) {
        kept.add(sample);
      }
    }
    try {
      EngineCounters counters = profile.extract(kept);
      return report(profile.engine(), detection.get().reason(), counters.models(), page);
    } catch (MissingMetricsException e) {
      return report(
          profile.engine(), detection.get().reason() + ", but " + e.getMessage(), List.of(), page);
    }
  }

  private static ProbeReport report(
      String engine, String reason, List<ModelCounters> models, ParseResult page) {
    String fullReason = page.complete() ? reason : reason + " (the page looks cut short)";
    return new ProbeReport(
        engine, fullReason, models, page.sampleLines(), page.unparsedLines(), page.problems());
  }
}
