package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every fixture page, parsed whole with {@link SampleSelector#all()}. */
class ExpositionParserFixturesTest {

  private static final String DP2_MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  private static ParseResult parseAll(String fixture, ExpositionFormat format)
      throws ExpositionLimitException {
    byte[] body = Fixtures.bytes(fixture);
    return ExpositionParser.parse(body, format, SampleSelector.all(), ParserLimits.DEFAULT);
  }

  private static void assertCleanAndComplete(String fixture, ExpositionFormat format)
      throws ExpositionLimitException {
    ParseResult result = parseAll(fixture, format);
    long expectedLines = Fixtures.countSampleLines(Fixtures.text(fixture));
    assertEquals(List.of(), result.problems(), fixture);
    assertEquals(0, result.unparsedLines(), fixture);
    assertEquals(expectedLines, result.sampleLines(), fixture);
    assertEquals(expectedLines, result.samples().size(), fixture);
    assertTrue(result.complete(), fixture);
  }

  @Test
  void everyWellFormedFixtureParsesWhole() throws ExpositionLimitException {
    assertCleanAndComplete(Fixtures.V1_TEXT, PROMETHEUS_TEXT);
    assertCleanAndComplete(Fixtures.V1_OPENMETRICS, OPENMETRICS);
    assertCleanAndComplete(Fixtures.V1_MULTIPROCESS, PROMETHEUS_TEXT);
    assertCleanAndComplete(Fixtures.V0_TEXT, PROMETHEUS_TEXT);
    assertCleanAndComplete(Fixtures.BENCH, PROMETHEUS_TEXT);
  }

  @Test
  void v1TextHasCreatedSeriesAndTwoEngines() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V1_TEXT, PROMETHEUS_TEXT);
    List<Sample> prompt = named(result, "vllm:prompt_tokens_total");
    assertEquals(
        List.of(
            new Sample(
                "vllm:prompt_tokens_total",
                Labels.of("engine", "0", "model_name", DP2_MODEL),
                1_234_567.0),
            new Sample(
                "vllm:prompt_tokens_total",
                Labels.of("engine", "1", "model_name", DP2_MODEL),
                987_654.0)),
        prompt);
    List<Sample> created = named(result, "vllm:prompt_tokens_created");
    assertEquals(2, created.size());
    assertEquals(1718000000.123456, created.get(0).value());
    assertEquals("counter", result.familyTypes().get("vllm:prompt_tokens_total"));
    assertEquals("gauge", result.familyTypes().get("vllm:prompt_tokens_created"));
    assertEquals("histogram", result.familyTypes().get("vllm:e2e_request_latency_seconds"));
    assertEquals(
        Set.of("stop", "length", "abort"),
        named(result, "vllm:request_success_total").stream()
            .map(s -> s.labels().get("finished_reason"))
            .collect(Collectors.toSet()));
    Sample infBucket =
        named(result, "vllm:e2e_request_latency_seconds_bucket").stream()
            .filter(s -> s.labels().get("le").equals("+Inf"))
            .findFirst()
            .orElseThrow();
    assertEquals("0", infBucket.labels().get("engine"));
    assertEquals(4000.0 + 321 + 12, infBucket.value());
  }

  @Test
  void openMetricsPageKeepsColonInMetadataButNotInSamples() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V1_OPENMETRICS, OPENMETRICS);
    assertEquals("counter", result.familyTypes().get("vllm:prompt_tokens"));
    assertTrue(named(result, "vllm:prompt_tokens_total").isEmpty());
    assertEquals(2, named(result, "vllm_prompt_tokens_total").size());
    assertEquals(2, named(result, "vllm_prompt_tokens_created").size());
    Sample stop =
        named(result, "vllm_request_success_total").stream()
            .filter(s -> s.labels().get("finished_reason").equals("stop"))
            .findFirst()
            .orElseThrow();
    assertEquals(4000.0, stop.value(), "the value before the exemplar");
  }

  @Test
  void multiprocessPageHasNoCreatedSeriesAndPidLabels() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V1_MULTIPROCESS, PROMETHEUS_TEXT);
    assertTrue(result.samples().stream().noneMatch(s -> s.name().endsWith("_created")));
    Set<String> pids =
        named(result, "vllm:kv_cache_usage_perc").stream()
            .map(s -> s.labels().get("pid"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(2, pids.size());
    assertEquals(
        List.of(
            new Sample(
                "vllm:num_requests_running",
                Labels.of("engine", "0", "model_name", "Qwen/Qwen2.5-7B-Instruct"),
                9.0)),
        named(result, "vllm:num_requests_running"));
  }

  @Test
  void v0PageHasNoEngineLabel() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V0_TEXT, PROMETHEUS_TEXT);
    assertEquals(
        List.of(
            new Sample(
                "vllm:prompt_tokens_total",
                Labels.of("model_name", "mistralai/Mistral-7B-Instruct-v0.2"),
                51234.0)),
        named(result, "vllm:prompt_tokens_total"));
    assertTrue(result.samples().stream().noneMatch(s -> s.labels().get("engine") != null));
  }

  @Test
  void truncatedTextPageDropsTheCutValue() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V1_TEXT_TRUNCATED, PROMETHEUS_TEXT);
    assertFalse(result.complete());
    assertEquals(1, result.unparsedLines());
    assertEquals(
        List.of(
            new Sample(
                "vllm:prompt_tokens_total",
                Labels.of("engine", "0", "model_name", DP2_MODEL),
                1_234_567.0)),
        named(result, "vllm:prompt_tokens_total"),
        "engine 1's value, cut from 987654.0 to 9876, must not appear");
    assertTrue(
        result.problems().get(0).endsWith("no newline at the end of the page: line cut short"));
  }

  @Test
  void openMetricsPageWithoutEofIsIncompleteButItsLinesAreKept() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.V1_OPENMETRICS_TRUNCATED, OPENMETRICS);
    assertFalse(result.complete());
    assertEquals(0, result.unparsedLines());
    assertEquals(2, named(result, "vllm_generation_tokens_total").size());
  }

  @Test
  void htmlErrorPage() throws ExpositionLimitException {
    ParseResult result = parseAll(Fixtures.HTML, PROMETHEUS_TEXT);
    assertEquals(List.of(), result.samples());
    assertEquals(7, result.sampleLines());
    assertEquals(7, result.unparsedLines());
    assertEquals("line 1: expected a metric name", result.problems().get(0));
    assertTrue(result.complete(), "the page is whole, just not metrics");
  }

  @Test
  void gzipBody() throws ExpositionLimitException {
    for (ExpositionFormat format : ExpositionFormat.values()) {
      ParseResult result = parseAll(Fixtures.GZIP, format);
      assertTrue(result.samples().size() <= 1, "at most a freak line: " + result.samples());
      assertTrue(result.unparsedLines() > 0);
      assertFalse(result.complete());
    }
  }

  private static List<Sample> named(ParseResult result, String name) {
    return result.samples().stream().filter(s -> s.name().equals(name)).toList();
  }
}
