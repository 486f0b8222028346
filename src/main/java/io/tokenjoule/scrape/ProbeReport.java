package io.tokenjoule.scrape;

import java.util.List;
import java.util.Objects;

/**
 * What the agent sees in one /metrics page.
 *
 * @param engine the engine that recognised the page, or null when none did
 * @param reason why: how the engine was recognised (and, if the counters could not be read, why
 *     not), or why no engine was
 * @param models the counters read, one per model; empty when none could be read
 * @param sampleLines sample lines on the page
 * @param unparsedLines lines dropped as malformed or cut short
 * @param problems the first few reasons lines were dropped
 */
public record ProbeReport(
    String engine,
    String reason,
    List<ModelCounters> models,
    int sampleLines,
    int unparsedLines,
    List<String> problems) {

  public ProbeReport {
    Objects.requireNonNull(reason, "reason");
    models = List.copyOf(models);
    problems = List.copyOf(problems);
  }
}
