package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrtllmServeProfileTest {

  static final String TEXT = "trtllm/text.txt";
  static final String OPENMETRICS_PAGE = "trtllm/openmetrics.txt";
  static final String LEGACY = "trtllm/legacy-no-token-counters.txt";

  private final TrtllmServeProfile profile = new TrtllmServeProfile();

  @Test
  void textPage() throws Exception {
    EngineCounters counters = FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT);
    assertEquals(
        List.of(
            new ModelCounters(
                "meta-llama/Llama-3.1-8B-Instruct", 2_468_013, 1_357_911, 3200 + 410 + 5, 21)),
        counters.models());
    assertEquals(21.0, counters.tokenResolution());
  }

  @Test
  void openMetricsPageGivesTheSameCounters() throws Exception {
    assertEquals(
        FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT),
        FixtureReading.extract(profile, OPENMETRICS_PAGE, OPENMETRICS));
  }

  @Test
  void aReleaseWithoutTokenCountersSaysSo() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () -> FixtureReading.extract(profile, LEGACY, PROMETHEUS_TEXT));
    assertEquals(
        "no trtllm-serve token counters on the page: trtllm_prompt_tokens_total and"
            + " trtllm_generation_tokens_total are missing (TensorRT-LLM releases before them"
            + " export requests and latencies only)",
        e.getMessage());
  }

  @Test
  void namesPathsAndRecognition() throws Exception {
    assertEquals("trtllm", profile.engine());
    assertEquals(List.of("/prometheus/metrics"), profile.metricsPaths());
    assertEquals(
        Set.of(
            "trtllm_prompt_tokens_total",
            "trtllm_generation_tokens_total",
            "trtllm_request_success_total",
            "trtllm_num_requests_running"),
        profile.sampleNames());
    assertEquals(
        Optional.of("found trtllm_request_success_total"),
        profile.recognise(FixtureReading.sampleNames(LEGACY, PROMETHEUS_TEXT)));
    assertEquals(
        Optional.of("found trtllm_kv_cache_hit_rate"),
        profile.recognise(Set.of("trtllm_kv_cache_hit_rate", "trtllm_kv_cache_utilization")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("nv_trt_llm_request_metrics", "up")));
  }
}
