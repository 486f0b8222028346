package io.tokenjoule.agent;

import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.ExpositionLimitException;
import io.tokenjoule.scrape.ExpositionParser;
import io.tokenjoule.scrape.ParseResult;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.Sample;
import io.tokenjoule.scrape.SampleSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;

/** The agent's /metrics page as a test reads it, parsed with tokenjoule's own parser. */
record MetricsPage(String text, List<Sample> samples) {

  static MetricsPage parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      ParseResult result =
          ExpositionParser.parse(
              bytes,
              0,
              bytes.length,
              ExpositionFormat.PROMETHEUS_TEXT,
              SampleSelector.all(),
              ParserLimits.DEFAULT);
      if (result.unparsedLines() != 0) {
        throw new AssertionError("the agent's page has unparsed lines: " + result.problems());
      }
      return new MetricsPage(text, result.samples());
    } catch (ExpositionLimitException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The value of the one sample named {@code name} whose labels include every given pair, or empty
   * when there is none.
   */
  OptionalDouble value(String name, String... labelPairs) {
    List<Sample> matches =
        samples.stream().filter(s -> s.name().equals(name) && has(s, labelPairs)).toList();
    if (matches.size() > 1) {
      throw new AssertionError(
          "several samples match " + name + " " + List.of(labelPairs) + ": " + matches);
    }
    return matches.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matches.get(0).value());
  }

  /** Like {@link #value} but the sample must exist. */
  double require(String name, String... labelPairs) {
    return value(name, labelPairs)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no sample " + name + " " + List.of(labelPairs) + " in\n" + text));
  }

  private static boolean has(Sample sample, String[] labelPairs) {
    for (int i = 0; i < labelPairs.length; i += 2) {
      if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
        return false;
      }
    }
    return true;
  }
}
