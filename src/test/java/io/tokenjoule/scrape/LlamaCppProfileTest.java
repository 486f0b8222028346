package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LlamaCppProfileTest {

  private final LlamaCppProfile profile = new LlamaCppProfile();

  private EngineCounters extract(byte[] page) throws Exception {
    return profile.extract(
        ExpositionParser.parse(
                page,
                PROMETHEUS_TEXT,
                SampleSelector.names(profile.sampleNames()),
                ParserLimits.DEFAULT)
            .samples());
  }

  @Test
  void smallCountersAreExact() throws Exception {
    EngineCounters counters = extract(Fixtures.bytes(Fixtures.LLAMACPP_TEXT));
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 48213, 91377, Double.NaN, 2)),
        counters.models());
    // 2 running requests, each may add up to n_tokens_max = 4096 when it finishes
    assertEquals(2 * 4096.0, counters.tokenResolution());
  }

  @Test
  void largeCountersAddTheSixDigitPrintQuantum() throws Exception {
    EngineCounters counters = extract(Fixtures.bytes(Fixtures.LLAMACPP_LARGE));
    // 12345678 and 3456789 printed as 1.23457e+07 and 3.45679e+06
    assertEquals(
        List.of(
            new ModelCounters(ModelCounters.UNKNOWN_MODEL, 12_345_700, 3_456_790, Double.NaN, 3)),
        counters.models());
    assertEquals(3 * 4096.0 + 50, counters.tokenResolution());
  }

  @Test
  void anIncrementBelowTheQuantumDoesNotShowAndTheResolutionCoversIt() throws Exception {
    // 12345678 then 12345718 tokens: llama.cpp prints 1.23457e+07 both times
    String before = String.format(java.util.Locale.ROOT, "%g", 12_345_678.0);
    String after = String.format(java.util.Locale.ROOT, "%g", 12_345_718.0);
    assertEquals("1.23457e+07", before);
    assertEquals(before, after);
    EngineCounters first = extract(page(before, 0));
    EngineCounters second = extract(page(after, 0));
    assertEquals(first.models(), second.models());
    double hidden = 12_345_718 - 12_345_678;
    assertTrue(hidden <= first.tokenResolution() + second.tokenResolution());
    assertEquals(1 + 50.0, first.tokenResolution());
  }

  @Test
  void cachedPromptTokensAreAddedToTheProcessedOnesAndToldApart() throws Exception {
    EngineCounters counters = extract(Fixtures.bytes(Fixtures.LLAMACPP_PROMPT_CACHE));
    // prompt_tokens_total 7733 excludes the 20480 reused from the cache: 28213 served
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 28213, 91377, Double.NaN, 2, 20480)),
        counters.models());
  }

  @Test
  void withoutTheCachedCounterThePromptIsTheProcessedTokensAndCachedIsUnknown() throws Exception {
    ModelCounters model = extract(Fixtures.bytes(Fixtures.LLAMACPP_TEXT)).models().get(0);
    assertEquals(48213.0, model.promptTokens());
    assertTrue(Double.isNaN(model.cachedPromptTokens()));
  }

  @Test
  void printQuantumOfTheServedPromptAddsBothPrintedCounters() throws Exception {
    byte[] page =
        ("llamacpp:prompt_tokens_total 1.23457e+07\n"
                + "llamacpp:prompt_tokens_cached_total 2.34568e+07\n"
                + "llamacpp:tokens_predicted_total 1000\n"
                + "llamacpp:requests_processing 0\n")
            .getBytes(StandardCharsets.UTF_8);
    // no request running: 1 + half a unit in the sixth digit of each prompt counter (50 + 50)
    assertEquals(1 + 100.0, extract(page).tokenResolution());
  }

  @Test
  void printQuantum() {
    assertEquals(0.0, LlamaCppProfile.printQuantum(999_999));
    assertEquals(5.0, LlamaCppProfile.printQuantum(1_000_000));
    assertEquals(5.0, LlamaCppProfile.printQuantum(9_999_990));
    assertEquals(50.0, LlamaCppProfile.printQuantum(12_345_700));
    assertEquals(0.0, LlamaCppProfile.printQuantum(Double.NaN));
  }

  @Test
  void aMissingTokenCounterIsMissingMetrics() {
    MissingMetricsException missing =
        assertThrows(MissingMetricsException.class, () -> extract(onlyPrompt()));
    assertTrue(
        missing.getMessage().contains(LlamaCppProfile.PREDICTED_TOKENS), missing.getMessage());
  }

  @Test
  void recognisesLlamaCppNamesOnly() {
    assertEquals(
        "found llamacpp:tokens_predicted_total",
        profile
            .recognise(Set.of("llamacpp:requests_processing", "llamacpp:tokens_predicted_total"))
            .orElseThrow());
    assertTrue(profile.recognise(Set.of("llamacpp:n_decode_total")).isEmpty());
  }

  private static byte[] page(String prompt, int processing) {
    return ("# TYPE llamacpp:prompt_tokens_total counter\n"
            + "llamacpp:prompt_tokens_total "
            + prompt
            + "\n# TYPE llamacpp:tokens_predicted_total counter\n"
            + "llamacpp:tokens_predicted_total 1000\n"
            + "# TYPE llamacpp:requests_processing gauge\n"
            + "llamacpp:requests_processing "
            + processing
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] onlyPrompt() {
    return "llamacpp:prompt_tokens_total 5\n".getBytes(StandardCharsets.UTF_8);
  }
}
