package io.tokenjoule.scrape;

import java.util.Set;
import java.util.TreeSet;

/** Reads fixture pages the way the agent and the probe do. */
final class FixtureReading {

  private FixtureReading() {}

  /** The counters {@code profile} reads from a fixture, parsing only the samples it asks for. */
  static EngineCounters extract(EngineProfile profile, String fixture, ExpositionFormat format)
      throws Exception {
    return profile.extract(
        ExpositionParser.parse(
                Fixtures.bytes(fixture),
                format,
                SampleSelector.names(profile.sampleNames()),
                ParserLimits.DEFAULT)
            .samples());
  }

  /** Every sample name on a fixture page. */
  static Set<String> sampleNames(String fixture, ExpositionFormat format) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Sample sample :
        ExpositionParser.parse(
                Fixtures.bytes(fixture), format, SampleSelector.all(), ParserLimits.DEFAULT)
            .samples()) {
      names.add(sample.name());
    }
    return names;
  }
}
