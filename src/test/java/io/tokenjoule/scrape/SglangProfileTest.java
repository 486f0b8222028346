package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SglangProfileTest {

  private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  private static final String QWEN = "Qwen/Qwen2.5-72B-Instruct";

  private final SglangProfile profile = new SglangProfile();

  private EngineCounters extract(String fixture, ExpositionFormat format) throws Exception {
    return profile.extract(
        ExpositionParser.parse(
                Fixtures.bytes(fixture),
                format,
                SampleSelector.names(profile.sampleNames()),
                ParserLimits.DEFAULT)
            .samples());
  }

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }

  @Test
  void withoutRealtimeCountersReadsTheTokenizerCountersAndBoundsByTokensInFlight()
      throws Exception {
    EngineCounters counters = extract(Fixtures.SGLANG_TEXT, PROMETHEUS_TEXT);
    // sglang:cached_tokens_total: 20480 of the prompt tokens came from the radix cache
    assertEquals(List.of(new ModelCounters(LLAMA, 51234, 98765, 400, 5, 20480)), counters.models());
    // counts move at request end: the 12000 tokens the 5 running requests hold may be missing
    assertEquals(12000.0, counters.tokenResolution());
    assertFalse(counters.simulated());
  }

  @Test
  void openMetricsUnderscoreSpellingWithCreatedSamplesGivesTheSameCounters() throws Exception {
    assertEquals(
        extract(Fixtures.SGLANG_TEXT, PROMETHEUS_TEXT),
        extract(Fixtures.SGLANG_OPENMETRICS, OPENMETRICS));
  }

  @Test
  void multiprocessPagePrefersRealtimeCountersAndCountsTensorParallelReplicasOnce()
      throws Exception {
    EngineCounters counters = extract(Fixtures.SGLANG_MULTIPROCESS, PROMETHEUS_TEXT);
    // two DP ranks, each reported by two TP ranks: max over TP, sum over DP; prefill_cache is
    // also told apart as the cached part of the prompt
    assertEquals(
        List.of(
            new ModelCounters(
                QWEN,
                (600_000 + 150_000) + (400_000 + 50_000),
                900_000 + 700_000,
                5000,
                17 + 13,
                150_000 + 50_000)),
        counters.models());
    assertEquals(30.0, counters.tokenResolution());
  }

  @Test
  void bothSpellingsOnOnePageCountOnce() throws Exception {
    List<Sample> samples =
        List.of(
            sample("sglang:prompt_tokens_total", 10, "model_name", "m"),
            sample("sglang_prompt_tokens_total", 10, "model_name", "m"),
            sample("sglang:generation_tokens_total", 20, "model_name", "m"),
            sample("sglang_generation_tokens_total", 20, "model_name", "m"));
    assertEquals(
        List.of(new ModelCounters("m", 10, 20, Double.NaN, Double.NaN)),
        profile.extract(samples).models());
  }

  @Test
  void tokenizerCountersSumOverCustomLabelsAndModelsStaySeparate() throws Exception {
    List<Sample> samples =
        List.of(
            sample("sglang:prompt_tokens_total", 10, "model_name", "a", "customer", "x"),
            sample("sglang:prompt_tokens_total", 5, "model_name", "a", "customer", "y"),
            sample("sglang:generation_tokens_total", 7, "model_name", "a"),
            sample("sglang:prompt_tokens_total", 1, "model_name", "b"),
            sample("sglang:generation_tokens_total", 2, "model_name", "b"),
            sample("sglang:num_running_reqs", 3, "model_name", "b", "tp_rank", "0"));
    EngineCounters counters = profile.extract(samples);
    assertEquals(
        List.of(
            new ModelCounters("a", 15, 7, Double.NaN, Double.NaN),
            new ModelCounters("b", 1, 2, Double.NaN, 3)),
        counters.models());
    // no num_used_tokens on the page: the running requests, an understatement
    assertEquals(3.0, counters.tokenResolution());
  }

  @Test
  void aMissingTokenCounterOrABadValueIsMissingMetrics() {
    assertThrows(
        MissingMetricsException.class,
        () -> profile.extract(List.of(sample("sglang:num_running_reqs", 3, "model_name", "m"))));
    MissingMetricsException half =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(sample("sglang:prompt_tokens_total", 3, "model_name", "m"))));
    assertTrue(half.getMessage().contains("sglang:generation_tokens_total missing for model m"));
    assertThrows(
        MissingMetricsException.class,
        () ->
            profile.extract(
                List.of(
                    sample(
                        "sglang:realtime_tokens_total", -1, "model_name", "m", "mode", "decode"))));
  }

  @Test
  void recognisesItsOwnNamesOnly() {
    assertEquals(
        Optional.of("found sglang_generation_tokens_total"),
        profile.recognise(Set.of("sglang_generation_tokens_total", "go_goroutines")));
    assertEquals(
        Optional.of("found sglang:token_usage"), profile.recognise(Set.of("sglang:token_usage")));
    assertTrue(profile.recognise(Set.of("vllm:prompt_tokens_total", "tgi_queue_size")).isEmpty());
  }

  @Test
  void tokenizerCachedTokensAreToldApartSummedOverCacheSource() throws Exception {
    List<Sample> samples =
        List.of(
            sample("sglang:prompt_tokens_total", 1000, "model_name", "m"),
            sample("sglang:generation_tokens_total", 300, "model_name", "m"),
            sample("sglang:cached_tokens_total", 600, "model_name", "m", "cache_source", "device"),
            sample("sglang:cached_tokens_total", 50, "model_name", "m", "cache_source", "host"));
    assertEquals(
        List.of(new ModelCounters("m", 1000, 300, Double.NaN, Double.NaN, 650)),
        profile.extract(samples).models());
  }

  @Test
  void withRealtimeCountersTheTokenizerCachedCounterIsNotRead() throws Exception {
    List<Sample> samples =
        List.of(
            sample(
                "sglang:realtime_tokens_total", 70, "model_name", "m", "mode", "prefill_compute"),
            sample("sglang:realtime_tokens_total", 30, "model_name", "m", "mode", "prefill_cache"),
            sample("sglang:realtime_tokens_total", 9, "model_name", "m", "mode", "decode"),
            sample("sglang:cached_tokens_total", 999, "model_name", "m"));
    assertEquals(
        List.of(new ModelCounters("m", 100, 9, Double.NaN, Double.NaN, 30)),
        profile.extract(samples).models());
  }

  @Test
  void withoutAnyCachedCounterCachedIsUnknown() throws Exception {
    List<Sample> samples =
        List.of(
            sample("sglang:prompt_tokens_total", 1000, "model_name", "m"),
            sample("sglang:generation_tokens_total", 300, "model_name", "m"));
    assertTrue(Double.isNaN(profile.extract(samples).models().get(0).cachedPromptTokens()));
  }
}
