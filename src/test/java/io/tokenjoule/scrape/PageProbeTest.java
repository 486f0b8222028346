package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageProbeTest {

  private static final String KNOWN = String.join(", ", EngineProfiles.names());

  @Test
  void vllmPage() {
    String page = Fixtures.text(Fixtures.V1_TEXT);
    ProbeReport report =
        PageProbe.probe(Fixtures.bytes(Fixtures.V1_TEXT), PROMETHEUS_TEXT, ParserLimits.DEFAULT);
    assertEquals("vllm", report.engine());
    assertEquals("found vllm:generation_tokens_total", report.reason());
    assertEquals(
        List.of(new ModelCounters("meta-llama/Llama-3.1-8B-Instruct", 2222221, 4222221, 8540, 29)),
        report.models());
    assertEquals(Fixtures.countSampleLines(page), report.sampleLines());
    assertEquals(0, report.unparsedLines());
    assertEquals(List.of(), report.problems());
  }

  @Test
  void openMetricsPageCutBeforeItsRequestCounters() {
    ProbeReport report =
        PageProbe.probe(
            Fixtures.bytes(Fixtures.V1_OPENMETRICS_TRUNCATED), OPENMETRICS, ParserLimits.DEFAULT);
    assertEquals("vllm", report.engine());
    assertEquals("found vllm_generation_tokens_total (the page looks cut short)", report.reason());
    assertEquals(
        List.of(
            new ModelCounters(
                "meta-llama/Llama-3.1-8B-Instruct", 2222221, 4222221, Double.NaN, 29)),
        report.models());
  }

  @Test
  void truncatedTextPageSaysWhyNoCounters() {
    ProbeReport report =
        PageProbe.probe(
            Fixtures.bytes(Fixtures.V1_TEXT_TRUNCATED), PROMETHEUS_TEXT, ParserLimits.DEFAULT);
    assertEquals("vllm", report.engine());
    assertEquals(
        "found vllm:prompt_tokens_total, but vllm:generation_tokens_total missing for model"
            + " meta-llama/Llama-3.1-8B-Instruct (the page looks cut short)",
        report.reason());
    assertEquals(List.of(), report.models());
    assertEquals(1, report.unparsedLines());
  }

  @Test
  void htmlPage() {
    ProbeReport report =
        PageProbe.probe(Fixtures.bytes(Fixtures.HTML), PROMETHEUS_TEXT, ParserLimits.DEFAULT);
    assertNull(report.engine());
    assertEquals("no known engine (" + KNOWN + ") among 0 metric names", report.reason());
    assertEquals(7, report.unparsedLines());
    assertEquals(ExpositionParser.MAX_PROBLEMS, report.problems().size());
  }

  @Test
  void otherExporter() {
    byte[] page =
        "# TYPE go_goroutines gauge\ngo_goroutines 12\nup 1\n".getBytes(StandardCharsets.UTF_8);
    ProbeReport report = PageProbe.probe(page, PROMETHEUS_TEXT, ParserLimits.DEFAULT);
    assertNull(report.engine());
    assertEquals("no known engine (" + KNOWN + ") among 2 metric names", report.reason());
    assertEquals(2, report.sampleLines());
  }

  @Test
  void pageOverTheLimit() {
    ProbeReport report =
        PageProbe.probe(Fixtures.bytes(Fixtures.V0_TEXT), PROMETHEUS_TEXT, new ParserLimits(10));
    assertNull(report.engine());
    // The parser stops reading at the first line over the limit.
    assertEquals(
        "page has more than 10 sample lines, over the limit of 10 (maxSeries)", report.reason());
    assertEquals(11, report.sampleLines());
    assertTrue(report.models().isEmpty());
  }
}
