package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  private static ParseResult parse(String page) {
    return parse(page, PROMETHEUS_TEXT, SampleSelector.all());
  }

  private static ParseResult parseOpenMetrics(String page) {
    return parse(page, OPENMETRICS, SampleSelector.all());
  }

  private static ParseResult parse(String page, ExpositionFormat format, SampleSelector selector) {
    byte[] body = page.getBytes(StandardCharsets.UTF_8);
    try {
      return ExpositionParser.parse(body, 0, body.length, format, selector, ParserLimits.DEFAULT);
    } catch (ExpositionLimitException e) {
      throw new AssertionError(e);
    }
  }

  private static Sample only(ParseResult result) {
    assertEquals(List.of(), result.problems());
    assertEquals(1, result.samples().size(), () -> "samples: " + result.samples());
    return result.samples().get(0);
  }

  private static void assertDropped(String page, String problem) {
    ParseResult result = parse(page);
    assertEquals(List.of(), result.samples());
    assertEquals(1, result.unparsedLines());
    assertEquals(List.of(problem), result.problems());
  }

  @Test
  void sampleWithoutLabels() {
    ParseResult result = parse("requests_total 1027\n");
    assertEquals(new Sample("requests_total", Labels.EMPTY, 1027.0), only(result));
    assertEquals(1, result.sampleLines());
    assertEquals(0, result.unparsedLines());
    assertTrue(result.complete());
  }

  @Test
  void sampleWithLabels() {
    Sample sample =
        only(parse("vllm:prompt_tokens_total{engine=\"0\",model_name=\"m\"} 1.234567e+06\n"));
    assertEquals("vllm:prompt_tokens_total", sample.name());
    assertEquals(Labels.of("engine", "0", "model_name", "m"), sample.labels());
    assertEquals(1_234_567.0, sample.value());
    assertEquals(Sample.NO_TIMESTAMP, sample.timestampMillis());
  }

  @Test
  void escapedLabelValues() {
    Sample sample = only(parse("a{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",nl=\"1\\n2\"} 1\n"));
    assertEquals("C:\\dir", sample.labels().get("path"));
    assertEquals("say \"hi\"", sample.labels().get("quote"));
    assertEquals("1\n2", sample.labels().get("nl"));
  }

  @Test
  void utf8LabelValues() {
    Sample sample = only(parse("a{model_name=\"通义千问-7B\",unit=\"°C\"} 2\n"));
    assertEquals("通义千问-7B", sample.labels().get("model_name"));
    assertEquals("°C", sample.labels().get("unit"));
  }

  @Test
  void emptyLabelSet() {
    assertEquals(new Sample("a", Labels.EMPTY, 3.0), only(parse("a{} 3\n")));
  }

  @Test
  void trailingCommaInLabelSet() {
    assertEquals(new Sample("a", Labels.of("x", "1"), 2.0), only(parse("a{x=\"1\",} 2\n")));
  }

  @Test
  void quotedMetricName() {
    Sample sample = only(parse("{\"vllm:prompt_tokens_total\",model_name=\"m\"} 3\n"));
    assertEquals(new Sample("vllm:prompt_tokens_total", Labels.of("model_name", "m"), 3.0), sample);
  }

  @Test
  void quotedMetricNameAlone() {
    assertEquals(new Sample("my.metric", Labels.EMPTY, 4.0), only(parse("{\"my.metric\"} 4\n")));
    assertEquals(new Sample("my.metric", Labels.EMPTY, 4.0), only(parse("{\"my.metric\",} 4\n")));
  }

  @Test
  void quotedNamesWithEscapesAndQuotedLabelNames() {
    Sample sample = only(parse("{\"odd \\\"name\\\"\", \"label.with.dots\"=\"v\"} 5\n"));
    assertEquals("odd \"name\"", sample.name());
    assertEquals(Labels.of("label.with.dots", "v"), sample.labels());
  }

  @Test
  void quotedNameIsSelectedByItsUnquotedBytes() {
    String page =
        "{\"vllm:prompt_tokens_total\",model_name=\"m\"} 3\n"
            + "{\"vllm:prompt_tokens_created\",model_name=\"m\"} 1.7e9\n"
            + "{\"odd\\\"vllm:prompt_tokens_total\"} 9\n";
    ParseResult result =
        parse(page, PROMETHEUS_TEXT, SampleSelector.names("vllm:prompt_tokens_total"));
    assertEquals(
        List.of(new Sample("vllm:prompt_tokens_total", Labels.of("model_name", "m"), 3)),
        result.samples());
    assertEquals(3, result.sampleLines());
  }

  @Test
  void specialValues() {
    ParseResult result = parse("a NaN\nb +Inf\nc -Inf\nd -0\ne 1.5e+06\nf 0.060000000000000005\n");
    assertEquals(List.of(), result.problems());
    List<Sample> samples = result.samples();
    assertTrue(Double.isNaN(samples.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(1).value());
    assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).value());
    assertEquals(
        Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(samples.get(3).value()));
    assertEquals(1_500_000.0, samples.get(4).value());
    assertEquals(0.060000000000000005, samples.get(5).value());
  }

  @Test
  void textTimestampsAreIntegerMilliseconds() {
    assertEquals(1718000000123L, only(parse("a 1 1718000000123\n")).timestampMillis());
    assertEquals(-5L, only(parse("a 1 -5\n")).timestampMillis());
    assertDropped(
        "a 1 1718000000.123\n",
        "line 1: invalid timestamp '1718000000.123': expected integer milliseconds");
  }

  @Test
  void openMetricsTimestampsAreSecondsConvertedToMilliseconds() {
    ParseResult result = parseOpenMetrics("a 1 1718000000.123\nb 2 1718000000\n# EOF\n");
    assertEquals(List.of(), result.problems());
    assertEquals(1718000000123L, result.samples().get(0).timestampMillis());
    assertEquals(1718000000000L, result.samples().get(1).timestampMillis());
  }

  @Test
  void exemplarsAreCheckedAndDropped() {
    ParseResult result =
        parseOpenMetrics(
            "# TYPE a counter\n"
                + "a_total 5 # {trace_id=\"a\"} 1.0 123.4\n"
                + "a_total{x=\"1\"} 6 1718000000.5 # {trace_id=\"b\",span_id=\"c\"} 2\n"
                + "a_created 1.7e9\n"
                + "# EOF\n");
    assertEquals(List.of(), result.problems());
    assertEquals(
        List.of(
            new Sample("a_total", Labels.EMPTY, 5.0),
            new Sample("a_total", Labels.of("x", "1"), 6.0, 1718000000500L),
            new Sample("a_created", Labels.EMPTY, 1.7e9)),
        result.samples());
    assertTrue(result.complete());
  }

  @Test
  void malformedExemplarDropsTheLine() {
    ParseResult result = parseOpenMetrics("a_total 5 # {trace_id=\"a\" 1.0\n# EOF\n");
    assertEquals(List.of(), result.samples());
    assertEquals(
        List.of("line 1: malformed exemplar: expected , or } after a label value"),
        result.problems());
    result = parseOpenMetrics("a_total 5 # trace 1.0\n# EOF\n");
    assertEquals(
        List.of("line 1: malformed exemplar: expected # {labels} value"), result.problems());
    result = parseOpenMetrics("a_total 5 # {a=\"b\"}\n# EOF\n");
    assertEquals(
        List.of("line 1: malformed exemplar: expected a value after the labels"),
        result.problems());
  }

  @Test
  void openMetricsNeedsEof() {
    assertTrue(parseOpenMetrics("a 1\n# EOF\n").complete());
    assertTrue(parseOpenMetrics("a 1\n# EOF").complete());
    ParseResult missing = parseOpenMetrics("a 1\n");
    assertFalse(missing.complete());
    assertEquals(List.of(new Sample("a", Labels.EMPTY, 1.0)), missing.samples());
    assertEquals(0, missing.unparsedLines());
    assertFalse(parseOpenMetrics("").complete());
  }

  @Test
  void eofIsAnOrdinaryCommentInText() {
    ParseResult result = parse("a 1\n# EOF\nb 2\n");
    assertEquals(2, result.samples().size());
    assertEquals(0, result.unparsedLines());
  }

  @Test
  void linesAfterEofAreDropped() {
    ParseResult result = parseOpenMetrics("a 1\n# EOF\n\nb 2\nc 3");
    assertEquals(List.of(new Sample("a", Labels.EMPTY, 1.0)), result.samples());
    assertEquals(2, result.unparsedLines());
    assertEquals(
        List.of("line 4: text after # EOF", "line 5: text after # EOF"), result.problems());
    assertTrue(result.complete());
  }

  @Test
  void blankLinesAndCrLf() {
    ParseResult result =
        parse("\r\n# HELP a help\r\n# TYPE a gauge\r\na 1\r\n\r\n   \r\nb{x=\"y\"} 2\r\n");
    assertEquals(
        List.of(new Sample("a", Labels.EMPTY, 1.0), new Sample("b", Labels.of("x", "y"), 2.0)),
        result.samples());
    assertEquals(2, result.sampleLines());
    assertEquals(0, result.unparsedLines());
    assertEquals(Map.of("a", "gauge"), result.familyTypes());
    assertTrue(result.complete());
  }

  @Test
  void helpTypeAndUnitLines() {
    ParseResult result =
        parseOpenMetrics(
            "# HELP vllm:prompt_tokens Number of prefill tokens processed.\n"
                + "# TYPE vllm:prompt_tokens counter\n"
                + "# UNIT request_latency seconds\n"
                + "# TYPE request_latency histogram\n"
                + "# TYPE \"odd.name\" gauge\n"
                + "# TYPE info_thing info\n"
                + "# EOF\n");
    assertEquals(
        Map.of(
            "vllm:prompt_tokens", "counter",
            "request_latency", "histogram",
            "odd.name", "gauge",
            "info_thing", "info"),
        result.familyTypes());
    assertEquals(
        List.copyOf(result.familyTypes().keySet()),
        List.of("vllm:prompt_tokens", "request_latency", "odd.name", "info_thing"));
    assertEquals(0, result.unparsedLines());
    assertEquals(0, result.sampleLines());
  }

  @Test
  void familyTypesOnlyForSelectedFamilies() {
    String page =
        "# TYPE vllm:prompt_tokens counter\n"
            + "# TYPE vllm:e2e_request_latency_seconds histogram\n"
            + "# TYPE vllm:num_requests_running gauge\n"
            + "# TYPE vllm:request_success_total counter\n"
            + "# TYPE \"vllm:generation_tokens\" counter\n"
            + "# TYPE process_open_fds gauge\n"
            + "# EOF\n";
    SampleSelector selector =
        SampleSelector.names(
            "vllm:prompt_tokens_total",
            "vllm:num_requests_running",
            "vllm:request_success_total",
            "vllm:generation_tokens_total");
    assertEquals(
        Map.of(
            "vllm:prompt_tokens", "counter",
            "vllm:num_requests_running", "gauge",
            "vllm:request_success_total", "counter",
            "vllm:generation_tokens", "counter"),
        parse(page, OPENMETRICS, selector).familyTypes());
    assertEquals(6, parse(page, OPENMETRICS, SampleSelector.all()).familyTypes().size());
    assertEquals(
        Map.of("vllm:e2e_request_latency_seconds", "histogram"),
        parse(page, OPENMETRICS, SampleSelector.names("vllm:e2e_request_latency_seconds_bucket"))
            .familyTypes());
  }

  @Test
  void otherCommentsAreIgnoredSilently() {
    ParseResult result =
        parse("# just a comment\n#TYPE a counter\n#\n# HELPER text\n# type a counter\na 1\n");
    assertEquals(1, result.samples().size());
    assertEquals(0, result.unparsedLines());
    assertEquals(Map.of(), result.familyTypes());
  }

  @Test
  void malformedTypeLinesAreDropped() {
    ParseResult result =
        parse("# TYPE a countr\n# TYPE\n# TYPE b\n# TYPE c gauge extra\n# HELP 9x\n");
    assertEquals(5, result.unparsedLines());
    assertEquals(
        List.of(
            "line 1: unknown metric type 'countr'",
            "line 2: expected a metric name after # TYPE",
            "line 3: expected a type after the metric name in # TYPE",
            "line 4: unexpected text after the type in # TYPE",
            "line 5: expected a metric name after # HELP"),
        result.problems());
    assertEquals(Map.of(), result.familyTypes());
  }

  @Test
  void createdSeriesAreOrdinarySamples() {
    ParseResult result =
        parse("# TYPE a_total counter\na_total 3\n# TYPE a_created gauge\na_created 1.718e+09\n");
    assertEquals(
        List.of(
            new Sample("a_total", Labels.EMPTY, 3.0),
            new Sample("a_created", Labels.EMPTY, 1.718e9)),
        result.samples());
    assertEquals(Map.of("a_total", "counter", "a_created", "gauge"), result.familyTypes());
  }

  @Test
  void lenientBlanks() {
    Sample sample = only(parse("  a { x = \"1\" , y=\"2\" }\t7 \t 1000  \n"));
    assertEquals(new Sample("a", Labels.of("x", "1", "y", "2"), 7.0, 1000), sample);
  }

  @Test
  void missingValue() {
    assertDropped("\n\na{x=\"1\"}\n", "line 3: expected a value after the labels");
    assertDropped("a{x=\"1\"}   \n", "line 1: expected a value after the labels");
    assertDropped("a\n", "line 1: expected a value after the metric name");
    assertDropped("a{x=\"1\"}2\n", "line 1: expected a value after the labels");
  }

  @Test
  void malformedSamples() {
    assertDropped("a 1.2.3\n", "line 1: invalid value '1.2.3'");
    assertDropped("a one\n", "line 1: invalid value 'one'");
    assertDropped("a 1 2 3\n", "line 1: unexpected text after the timestamp");
    assertDropped("a{x=\"1\" 2\n", "line 1: expected , or } after a label value");
    assertDropped("a{x=\"1\n", "line 1: unterminated quoted string");
    assertDropped("a{x=1} 2\n", "line 1: expected a quoted label value");
    assertDropped("a{x} 2\n", "line 1: expected = after a label name");
    assertDropped("a{,} 2\n", "line 1: expected a label name");
    assertDropped("a{x=\"1\",x=\"2\"} 2\n", "line 1: duplicate label x");
    assertDropped("a{x=\"\\t\"} 2\n", "line 1: invalid escape sequence '\\t' in a quoted string");
    assertDropped("a{x=\"1\"\n", "line 1: unterminated label set");
    assertDropped("{x=\"1\"} 2\n", "line 1: expected a metric name");
    assertDropped("{\"x\"=\"1\"} 2\n", "line 1: expected a metric name before the labels");
    assertDropped("9lives 2\n", "line 1: expected a metric name");
    assertDropped(
        "a 1 99999999999999999999\n",
        "line 1: invalid timestamp '99999999999999999999': expected integer milliseconds");
  }

  @Test
  void parsingGoesOnAfterAMalformedLine() {
    ParseResult result = parse("a 1\nb{ 2\nc 3\n");
    assertEquals(List.of("a", "c"), result.samples().stream().map(Sample::name).toList());
    assertEquals(3, result.sampleLines());
    assertEquals(1, result.unparsedLines());
    assertEquals(List.of("line 2: expected a label name"), result.problems());
  }

  @Test
  void problemsKeepTheFirstFiveButEveryLineIsCounted() {
    ParseResult result = parse("x\n".repeat(8) + "ok 1\n");
    assertEquals(8, result.unparsedLines());
    assertEquals(ExpositionParser.MAX_PROBLEMS, result.problems().size());
    assertEquals("line 5: expected a value after the metric name", result.problems().get(4));
    assertEquals(1, result.samples().size());
  }

  @Test
  void truncatedLastLineIsDroppedNeverParsed() {
    ParseResult result = parse("a_total 12345\nb_total 123");
    assertEquals(List.of(new Sample("a_total", Labels.EMPTY, 12345.0)), result.samples());
    assertEquals(1, result.unparsedLines());
    assertEquals(1, result.sampleLines());
    assertEquals(
        List.of("line 2: no newline at the end of the page: line cut short"), result.problems());
    assertFalse(result.complete());
  }

  @Test
  void truncatedCommentAlsoMakesThePageIncomplete() {
    ParseResult result = parse("a 1\n# TYPE b coun");
    assertFalse(result.complete());
    assertEquals(Map.of(), result.familyTypes());
  }

  @Test
  void emptyPages() {
    ParseResult text = parse("");
    assertTrue(text.complete());
    assertEquals(0, text.sampleLines());
    assertTrue(parse("\n\n").complete());
  }

  @Test
  void unselectedLinesAreSkippedUnchecked() {
    String page = "a{garbage 1\nwanted{x=\"1\"} 2\nwanted_created 1.7e9\nanother junk\n";
    ParseResult result = parse(page, PROMETHEUS_TEXT, SampleSelector.names("wanted"));
    assertEquals(List.of(new Sample("wanted", Labels.of("x", "1"), 2.0)), result.samples());
    assertEquals(4, result.sampleLines());
    assertEquals(0, result.unparsedLines());
  }

  @Test
  void linesThatDoNotStartWithANameAreDroppedEvenWhenNotSelected() {
    ParseResult result =
        parse("<html>\nwanted 2\n", PROMETHEUS_TEXT, SampleSelector.names("wanted"));
    assertEquals(1, result.samples().size());
    assertEquals(List.of("line 1: expected a metric name"), result.problems());
  }

  @Test
  void parsesARangeOfTheArray() throws ExpositionLimitException {
    byte[] body = "junk{{{\na 1\nb 2\njunk".getBytes(StandardCharsets.UTF_8);
    ParseResult result =
        ExpositionParser.parse(
            body, 8, 8, PROMETHEUS_TEXT, SampleSelector.all(), ParserLimits.DEFAULT);
    assertEquals(
        List.of(new Sample("a", Labels.EMPTY, 1.0), new Sample("b", Labels.EMPTY, 2.0)),
        result.samples());
    assertTrue(result.complete());
    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            ExpositionParser.parse(
                body, 8, 100, PROMETHEUS_TEXT, SampleSelector.all(), ParserLimits.DEFAULT));
  }

  @Test
  void limitCountsEverySampleLineSelectedOrNot() {
    String page = "# TYPE a gauge\na 1\nb 2\n\nc 3\nd 4\n# comment\ne{ 5\n";
    byte[] body = page.getBytes(StandardCharsets.UTF_8);
    ExpositionLimitException e =
        assertThrows(
            ExpositionLimitException.class,
            () ->
                ExpositionParser.parse(
                    body, PROMETHEUS_TEXT, SampleSelector.names("a"), new ParserLimits(3)));
    assertEquals(3, e.limit());
    assertEquals(DropReason.SERIES, e.reason());
    assertEquals(
        "page has more than 3 sample lines, over the limit of 3 (maxSeries)", e.getMessage());
  }

  @Test
  void limitIsInclusive() throws ExpositionLimitException {
    byte[] body = "a 1\nb 2\nc 3\n".getBytes(StandardCharsets.UTF_8);
    ParseResult result =
        ExpositionParser.parse(body, PROMETHEUS_TEXT, SampleSelector.all(), new ParserLimits(3));
    assertEquals(3, result.samples().size());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ParserLimits(0));
  }

  @Test
  void resultIsImmutable() {
    ParseResult result = parse("# TYPE a gauge\na 1\n");
    assertThrows(UnsupportedOperationException.class, () -> result.samples().clear());
    assertThrows(UnsupportedOperationException.class, () -> result.familyTypes().clear());
    assertThrows(UnsupportedOperationException.class, () -> result.problems().add("x"));
  }
}
