package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pages cut anywhere, random bytes and damaged pages: only well-formed lines come out. */
class ExpositionParserRobustnessTest {

  private static final SampleSelector VLLM = SampleSelector.names(new VllmProfile().sampleNames());

  @Test
  void aPageCutAnywhereYieldsAPrefixOfItsSamplesWithTheirTrueValues()
      throws ExpositionLimitException {
    for (String fixture : List.of(Fixtures.V1_TEXT, Fixtures.V1_OPENMETRICS)) {
      ExpositionFormat format = fixture.equals(Fixtures.V1_TEXT) ? PROMETHEUS_TEXT : OPENMETRICS;
      byte[] page = Fixtures.bytes(fixture);
      List<Sample> whole =
          ExpositionParser.parse(page, format, VLLM, ParserLimits.DEFAULT).samples();
      assertEquals(
          12, whole.size(), fixture); // 2 engines x (prompt, generation, running, 3 reasons)
      int cuts = 0;
      for (int cut = 0; cut <= page.length; cut += cut < 12_000 ? 1 : 61) {
        ParseResult result =
            ExpositionParser.parse(page, 0, cut, format, VLLM, ParserLimits.DEFAULT);
        List<Sample> samples = result.samples();
        assertTrue(samples.size() <= whole.size());
        assertEquals(whole.subList(0, samples.size()), samples, "cut at " + cut);
        boolean atLineEnd = cut == 0 || page[cut - 1] == '\n';
        if (format == PROMETHEUS_TEXT) {
          assertEquals(atLineEnd, result.complete(), "cut at " + cut);
        } else {
          assertEquals(
              cut == page.length || cut == page.length - 1, result.complete(), "cut " + cut);
        }
        cuts++;
      }
      assertTrue(cuts > 12_000);
    }
  }

  @Test
  void randomBytesNeverThrow() throws ExpositionLimitException {
    Random random = new Random(1234);
    byte[] alphabet = "{}\",=# \t\n\r\\.:_aZ09+-eE".getBytes();
    for (int i = 0; i < 3_000; i++) {
      byte[] body = new byte[random.nextInt(400)];
      for (int j = 0; j < body.length; j++) {
        body[j] =
            random.nextBoolean()
                ? alphabet[random.nextInt(alphabet.length)]
                : (byte) random.nextInt(256);
      }
      for (ExpositionFormat format : ExpositionFormat.values()) {
        ParseResult result =
            ExpositionParser.parse(body, format, SampleSelector.all(), ParserLimits.DEFAULT);
        assertTrue(result.samples().size() + result.unparsedLines() <= result.sampleLines() + 1);
        assertTrue(result.problems().size() <= ExpositionParser.MAX_PROBLEMS);
      }
    }
  }

  @Test
  void damagedPagesNeverThrow() throws ExpositionLimitException {
    Random random = new Random(99);
    byte[] original = Fixtures.bytes(Fixtures.V1_OPENMETRICS);
    byte[] noise = "{}\",=# \\\n".getBytes();
    for (int i = 0; i < 300; i++) {
      byte[] body = original.clone();
      for (int j = 0; j < 50; j++) {
        body[random.nextInt(body.length)] =
            random.nextBoolean() ? noise[random.nextInt(noise.length)] : (byte) random.nextInt(256);
      }
      for (ExpositionFormat format : ExpositionFormat.values()) {
        ParseResult all =
            ExpositionParser.parse(body, format, SampleSelector.all(), ParserLimits.DEFAULT);
        ParseResult selected = ExpositionParser.parse(body, format, VLLM, ParserLimits.DEFAULT);
        assertTrue(selected.samples().size() <= all.samples().size());
        assertEquals(all.sampleLines(), selected.sampleLines());
      }
    }
  }
}
