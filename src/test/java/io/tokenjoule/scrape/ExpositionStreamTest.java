package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionStreamTest {

  private static final ParserLimits LIMITS = new ParserLimits(1000, 16, 4, 1L << 20);

  private static ParseResult streamed(String page, int pieceSize, ParserLimits limits)
      throws ExpositionLimitException {
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    ExpositionStream stream = new ExpositionStream(PROMETHEUS_TEXT, SampleSelector.all(), limits);
    for (int from = 0; from < bytes.length; from += pieceSize) {
      stream.feed(bytes, from, Math.min(pieceSize, bytes.length - from));
    }
    return stream.finish();
  }

  @Test
  void aPageFedByteByByteReadsAsItDoesWhole() throws Exception {
    String page = Fixtures.text(Fixtures.V0_TEXT);
    ParseResult whole =
        ExpositionParser.parse(
            page.getBytes(StandardCharsets.UTF_8),
            PROMETHEUS_TEXT,
            SampleSelector.all(),
            ParserLimits.DEFAULT);
    for (int piece : new int[] {1, 7, 100, 4096}) {
      ParseResult pieced = streamed(page, piece, ParserLimits.DEFAULT);
      assertEquals(whole.samples(), pieced.samples(), "pieces of " + piece);
      assertEquals(whole.sampleLines(), pieced.sampleLines());
      assertTrue(pieced.complete());
    }
  }

  @Test
  void aLineLongerThanTheLimitIsSkippedAndCountedWithoutBeingHeld() throws Exception {
    String longLine = "a{x=\"" + "y".repeat(LIMITS.maxLineBytes() * 3) + "\"} 1\n";
    String longComment = "# HELP a " + "z".repeat(LIMITS.maxLineBytes() * 2) + "\n";
    ParseResult result = streamed("b 1\n" + longLine + longComment + "c 2\n", 1000, LIMITS);
    assertEquals(2, result.samples().size());
    assertEquals(3, result.sampleLines());
    assertEquals(Map.of(DropReason.LINE_LENGTH, 1L), result.drops());
    assertEquals(0, result.unparsedLines());
  }

  @Test
  void aLongLastLineWithoutItsNewlineMakesThePageIncomplete() throws Exception {
    ParseResult result = streamed("b 1\nc{x=\"" + "y".repeat(LIMITS.maxLineBytes()), 512, LIMITS);
    assertFalse(result.complete());
    assertEquals(1, result.samples().size());
  }

  @Test
  void seriesOverTheLabelLimitsAreDroppedAndCounted() throws Exception {
    String page =
        "a{m=\""
            + "v".repeat(17)
            + "\"} 1\n"
            + "a{m=\""
            + "v".repeat(16)
            + "\"} 2\n"
            + "a{a=\"1\",b=\"2\",c=\"3\",d=\"4\",e=\"5\"} 3\n"
            + "a{a=\"1\",b=\"2\",c=\"3\",d=\"4\"} 4\n";
    ParseResult result = streamed(page, 8, LIMITS);
    assertEquals(2, result.samples().size());
    assertEquals(2.0, result.samples().get(0).value());
    assertEquals(
        Map.of(DropReason.LABEL_VALUE_LENGTH, 1L, DropReason.LABEL_COUNT, 1L), result.drops());
    assertEquals(0, result.unparsedLines());
  }

  @Test
  void selectedSeriesOverTheMemoryBoundRefuseThePage() {
    ParserLimits small = new ParserLimits(100_000, 64, 8, 64 * 1024);
    StringBuilder page = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      page.append("a{i=\"").append(i).append("\"} 1\n");
    }
    ExpositionLimitException e =
        assertThrows(ExpositionLimitException.class, () -> streamed(page.toString(), 4096, small));
    assertEquals(DropReason.PAGE_MEMORY, e.reason());
  }

  @Test
  void unselectedLinesCostNoMemory() throws Exception {
    ParserLimits small = new ParserLimits(100_000, 64, 8, 4096);
    StringBuilder page = new StringBuilder("a 1\n");
    for (int i = 0; i < 10_000; i++) {
      page.append("other{i=\"").append(i).append("\"} 1\n");
    }
    byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
    ExpositionStream stream =
        new ExpositionStream(PROMETHEUS_TEXT, SampleSelector.names("a"), small);
    stream.feed(bytes, 0, bytes.length);
    assertEquals(1, stream.finish().samples().size());
  }
}
