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

class VllmProfileTest {

  private final VllmProfile profile = new VllmProfile();
  private final SampleSelector selector = SampleSelector.names(profile.sampleNames());

  private EngineCounters extract(String fixture, ExpositionFormat format, SampleSelector selector)
      throws Exception {
    byte[] body = Fixtures.bytes(fixture);
    return profile.extract(
        ExpositionParser.parse(body, format, selector, ParserLimits.DEFAULT).samples());
  }

  private static void assertModel(
      ModelCounters counters,
      String model,
      double prompt,
      double generated,
      double requests,
      double running) {
    assertEquals(
        new ModelCounters(
            model, prompt, generated, requests, running, counters.cachedPromptTokens()),
        counters);
  }

  @Test
  void v1TextSumsOverEnginesAndFinishReasons() throws Exception {
    EngineCounters counters = extract(Fixtures.V1_TEXT, PROMETHEUS_TEXT, selector);
    assertEquals(1, counters.models().size());
    assertModel(
        counters.models().get(0),
        "meta-llama/Llama-3.1-8B-Instruct",
        1_234_567 + 987_654,
        2_345_678 + 1_876_543,
        4000 + 321 + 12 + 3900 + 300 + 7,
        17 + 12);
    assertEquals(29.0, counters.tokenResolution());
    assertFalse(counters.simulated());
  }

  @Test
  void openMetricsUnderscoreSpellingGivesTheSameCounters() throws Exception {
    EngineCounters text = extract(Fixtures.V1_TEXT, PROMETHEUS_TEXT, selector);
    EngineCounters openMetrics = extract(Fixtures.V1_OPENMETRICS, OPENMETRICS, selector);
    assertEquals(text, openMetrics);
  }

  @Test
  void multiprocessPage() throws Exception {
    EngineCounters counters = extract(Fixtures.V1_MULTIPROCESS, PROMETHEUS_TEXT, selector);
    assertModel(
        counters.models().get(0),
        "Qwen/Qwen2.5-7B-Instruct",
        70_000 + 50_000,
        200_000 + 140_000,
        500 + 30 + 1 + 400 + 20 + 1,
        9);
    assertEquals(9.0, counters.tokenResolution());
  }

  @Test
  void v0Page() throws Exception {
    EngineCounters counters = extract(Fixtures.V0_TEXT, PROMETHEUS_TEXT, selector);
    assertModel(
        counters.models().get(0), "mistralai/Mistral-7B-Instruct-v0.2", 51234, 98765, 431, 5);
    assertEquals(5.0, counters.tokenResolution());
  }

  @Test
  void benchPageReadWithEverySampleIgnoresOtherNamesAndCreatedSeries() throws Exception {
    EngineCounters counters = extract(Fixtures.BENCH, PROMETHEUS_TEXT, SampleSelector.all());
    assertModel(
        counters.models().get(0),
        "Qwen/Qwen2.5-72B-Instruct",
        48_213_377 + 47_120_001,
        21_987_654 + 22_000_456,
        90_000 + 7000 + 120 + 3 + 9 + 88_000 + 7100 + 98 + 1 + 12,
        64 + 61);
    assertEquals(16_071_125 + 15_706_667, counters.models().get(0).cachedPromptTokens());
    assertFalse(
        counters.simulated(), "vllm:prompt_tokens_by_source has a source label, but is not read");
    assertEquals(counters, extract(Fixtures.BENCH, PROMETHEUS_TEXT, selector));
  }

  @Test
  void truncatedPageLacksTheGenerationCounter() throws Exception {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () -> extract(Fixtures.V1_TEXT_TRUNCATED, PROMETHEUS_TEXT, selector));
    assertEquals(
        "vllm:generation_tokens_total missing for model meta-llama/Llama-3.1-8B-Instruct",
        e.getMessage());
  }

  @Test
  void groupsByModelSortedAndCountsSamplesWithoutModelAsUnknown() throws Exception {
    List<Sample> samples =
        List.of(
            sample("vllm:prompt_tokens_total", 10, "model_name", "zeta", "engine", "0"),
            sample("vllm:prompt_tokens_total", 5, "model_name", "zeta", "engine", "1"),
            sample("vllm:generation_tokens_total", 20, "model_name", "zeta", "engine", "0"),
            sample("vllm:generation_tokens_total", 2, "model_name", "zeta", "engine", "1"),
            sample("vllm:prompt_tokens_total", 1, "model_name", "alpha"),
            sample("vllm:generation_tokens_total", 3, "model_name", "alpha"),
            sample(
                "vllm:request_success_total", 4, "model_name", "alpha", "finished_reason", "stop"),
            sample("vllm:num_requests_running", 6, "model_name", "alpha"),
            sample("vllm:prompt_tokens_total", 100),
            sample("vllm:generation_tokens_total", 200, "lora", "x"));
    EngineCounters counters = profile.extract(samples);
    assertEquals(
        List.of(
            new ModelCounters("alpha", 1, 3, 4, 6),
            new ModelCounters("unknown", 100, 200, Double.NaN, Double.NaN),
            new ModelCounters("zeta", 15, 22, Double.NaN, Double.NaN)),
        counters.models());
    assertEquals(6.0, counters.tokenResolution());
  }

  @Test
  void colonSpellingWinsWhenBothAreOnThePage() throws Exception {
    List<Sample> samples =
        List.of(
            sample("vllm:prompt_tokens_total", 10, "model_name", "m"),
            sample("vllm_prompt_tokens_total", 10, "model_name", "m"),
            sample("vllm_generation_tokens_total", 7, "model_name", "m"),
            sample("vllm_num_requests_running", 2, "model_name", "m"));
    assertEquals(
        List.of(new ModelCounters("m", 10, 7, Double.NaN, 2)), profile.extract(samples).models());
  }

  @Test
  void withoutRequestsOrRunningTheyAreNaNAndResolutionIsOneToken() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                sample("vllm:prompt_tokens_total", 1, "model_name", "m"),
                sample("vllm:generation_tokens_total", 2, "model_name", "m")));
    assertTrue(Double.isNaN(counters.requests()));
    assertTrue(Double.isNaN(counters.runningRequests()));
    assertEquals(1.0, counters.tokenResolution());
  }

  @Test
  void idleServerHasResolutionOfOneToken() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                sample("vllm:prompt_tokens_total", 0, "model_name", "m"),
                sample("vllm:generation_tokens_total", 0, "model_name", "m"),
                sample("vllm:num_requests_running", 0, "model_name", "m")));
    assertEquals(1.0, counters.tokenResolution());
    assertEquals(0.0, counters.runningRequests());
  }

  @Test
  void simulatedWhenAKeptSampleSaysSo() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                sample("vllm:prompt_tokens_total", 1, "model_name", "m", "source", "simulated"),
                sample("vllm:generation_tokens_total", 2, "model_name", "m", "source", "simulated"),
                sample("other_metric", 1, "source", "real")));
    assertTrue(counters.simulated());
    assertFalse(
        profile
            .extract(
                List.of(
                    sample("vllm:prompt_tokens_total", 1, "model_name", "m"),
                    sample("vllm:generation_tokens_total", 2, "model_name", "m"),
                    sample("vllm:prompt_tokens_created", 1, "source", "simulated")))
            .simulated());
  }

  @Test
  void missingCountersAreNamed() {
    MissingMetricsException none =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(sample("vllm:num_requests_running", 3, "model_name", "m"))));
    assertEquals(
        "no vLLM token counters on the page: vllm:prompt_tokens_total and"
            + " vllm:generation_tokens_total (or their vllm_ spellings) are missing",
        none.getMessage());
    MissingMetricsException generation =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(List.of(sample("vllm:prompt_tokens_total", 3, "model_name", "m"))));
    assertEquals("vllm:generation_tokens_total missing for model m", generation.getMessage());
  }

  @Test
  void counterValuesThatAreNotCountersAreRefused() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(
                        sample("vllm:prompt_tokens_total", Double.NaN, "model_name", "m"),
                        sample("vllm:generation_tokens_total", 2, "model_name", "m"))));
    assertEquals(
        "vllm:prompt_tokens_total{model_name=\"m\"} has the value NaN, not a counter value",
        e.getMessage());
    assertThrows(
        MissingMetricsException.class,
        () ->
            profile.extract(
                List.of(
                    sample("vllm:prompt_tokens_total", 1, "model_name", "m"),
                    sample("vllm:generation_tokens_total", -2, "model_name", "m"))));
  }

  @Test
  void invalidRunningGaugeReadsAsUnknown() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                sample("vllm:prompt_tokens_total", 1, "model_name", "m"),
                sample("vllm:generation_tokens_total", 2, "model_name", "m"),
                sample("vllm:num_requests_running", Double.NaN, "model_name", "m")));
    assertTrue(Double.isNaN(counters.runningRequests()));
    assertEquals(1.0, counters.tokenResolution());
  }

  @Test
  void sampleNamesCoverBothSpellings() {
    assertEquals(
        Set.of(
            "vllm:prompt_tokens_total",
            "vllm_prompt_tokens_total",
            "vllm:prompt_tokens_cached_total",
            "vllm_prompt_tokens_cached_total",
            "vllm:generation_tokens_total",
            "vllm_generation_tokens_total",
            "vllm:request_success_total",
            "vllm_request_success_total",
            "vllm:num_requests_running",
            "vllm_num_requests_running"),
        profile.sampleNames());
    assertEquals("vllm", profile.engine());
    assertEquals("text/plain; version=0.0.4", profile.acceptHeader());
  }

  @Test
  void recognition() {
    assertEquals(
        Optional.of("found vllm:generation_tokens_total"),
        profile.recognise(Set.of("vllm:prompt_tokens_total", "vllm:generation_tokens_total")));
    assertEquals(
        Optional.of("found vllm_generation_tokens_total"),
        profile.recognise(Set.of("vllm_generation_tokens_total", "process_open_fds")));
    assertEquals(
        Optional.of("found vllm:prompt_tokens_total"),
        profile.recognise(Set.of("vllm:prompt_tokens_total")));
    assertEquals(
        Optional.of("found vllm:cache_config_info"),
        profile.recognise(Set.of("vllm:kv_cache_usage_perc", "vllm:cache_config_info", "x")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("sglang:prompt_tokens_total")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("vllm_router_requests_total")));
  }

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }

  @Test
  void cachedPromptTokensAreAPartOfThePromptInEitherSpelling() throws Exception {
    List<Sample> colon =
        List.of(
            sample("vllm:prompt_tokens_total", 5000, "model_name", "m", "engine", "0"),
            sample("vllm:prompt_tokens_cached_total", 200, "model_name", "m", "engine", "0"),
            sample("vllm:prompt_tokens_cached_total", 100, "model_name", "m", "engine", "1"),
            sample("vllm:generation_tokens_total", 2500, "model_name", "m", "engine", "0"));
    List<Sample> underscore =
        List.of(
            sample("vllm_prompt_tokens_total", 5000, "model_name", "m"),
            sample("vllm_prompt_tokens_cached_total", 300, "model_name", "m"),
            sample("vllm_generation_tokens_total", 2500, "model_name", "m"));
    ModelCounters expected = new ModelCounters("m", 5000, 2500, Double.NaN, Double.NaN, 300);
    assertEquals(List.of(expected), profile.extract(colon).models());
    assertEquals(List.of(expected), profile.extract(underscore).models());
  }

  @Test
  void pagesWithoutTheCachedCounterLeaveItUnknown() throws Exception {
    EngineCounters counters =
        extract(Fixtures.V1_TEXT, PROMETHEUS_TEXT, SampleSelector.names(profile.sampleNames()));
    assertTrue(Double.isNaN(counters.models().get(0).cachedPromptTokens()));
  }
}
