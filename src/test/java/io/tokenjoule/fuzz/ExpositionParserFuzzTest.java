package io.tokenjoule.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.ExpositionLimitException;
import io.tokenjoule.scrape.ExpositionParser;
import io.tokenjoule.scrape.ExpositionStream;
import io.tokenjoule.scrape.ParseResult;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.Sample;
import io.tokenjoule.scrape.SampleSelector;

/**
 * Coverage-guided fuzzing of the exposition parser: whatever the bytes, it throws nothing but its
 * limit exception, keeps no series over the label limits, and reads a page fed in pieces exactly as
 * it reads it whole. Under {@code mvn verify} it replays its seeds; with {@code JAZZER_FUZZ=1} (see
 * .ci/fuzz) it fuzzes.
 */
class ExpositionParserFuzzTest {

  private static final ParserLimits LIMITS = new ParserLimits(2_000, 64, 8, 1L << 20);

  @FuzzTest(maxDuration = "20s")
  void parsesAnyBytesTheSameWholeOrInPieces(FuzzedDataProvider data) {
    ExpositionFormat format =
        data.consumeBoolean() ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
    int pieces = data.consumeInt(1, 8);
    int[] cuts = new int[pieces];
    for (int i = 0; i < pieces; i++) {
      cuts[i] = data.consumeInt(0, 4096);
    }
    byte[] page = data.consumeRemainingAsBytes();
    ParseResult whole;
    try {
      whole = ExpositionParser.parse(page, format, SampleSelector.all(), LIMITS);
    } catch (ExpositionLimitException e) {
      return;
    }
    for (Sample sample : whole.samples()) {
      assertTrue(sample.labels().size() <= LIMITS.maxLabelsPerSeries(), sample.toString());
      for (int i = 0; i < sample.labels().size(); i++) {
        assertTrue(
            sample.labels().value(i).length() <= LIMITS.maxLabelValueBytes(), sample.toString());
      }
    }
    ExpositionStream stream = new ExpositionStream(format, SampleSelector.all(), LIMITS);
    int from = 0;
    try {
      for (int cut : cuts) {
        int to = Math.min(page.length, from + cut);
        stream.feed(page, from, to - from);
        from = to;
      }
      stream.feed(page, from, page.length - from);
      ParseResult pieced = stream.finish();
      assertEquals(whole.samples(), pieced.samples());
      assertEquals(whole.sampleLines(), pieced.sampleLines());
      assertEquals(whole.unparsedLines(), pieced.unparsedLines());
      assertEquals(whole.complete(), pieced.complete());
      assertEquals(whole.drops(), pieced.drops());
    } catch (ExpositionLimitException e) {
      throw new AssertionError("the whole page was within the limits, its pieces were not", e);
    }
  }
}
