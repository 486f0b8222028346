package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NimProfileTest {

  static final String TEXT = "nim/text.txt";
  static final String OPENMETRICS_PAGE = "nim/openmetrics.txt";

  private final NimProfile profile = new NimProfile();

  @Test
  void textPage() throws Exception {
    EngineCounters counters = FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT);
    assertEquals(
        List.of(new ModelCounters("meta/llama-3.1-70b-instruct", 4_567_890, 2_345_678, 9876, 33)),
        counters.models());
    assertEquals(33.0, counters.tokenResolution());
  }

  @Test
  void openMetricsPageGivesTheSameCounters() throws Exception {
    assertEquals(
        FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT),
        FixtureReading.extract(profile, OPENMETRICS_PAGE, OPENMETRICS));
  }

  @Test
  void missingCountersAreNamed() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () -> profile.extract(List.of(new Sample("num_requests_running", Labels.EMPTY, 1))));
    assertEquals(
        "no NIM token counters on the page: prompt_tokens_total and generation_tokens_total are"
            + " missing",
        e.getMessage());
  }

  @Test
  void namesPathsAndRecognition() {
    assertEquals("nim", profile.engine());
    assertEquals(List.of("/v1/metrics", "/metrics"), profile.metricsPaths());
    assertEquals(
        Optional.of("found generation_tokens_total and num_requests_running"),
        profile.recognise(
            Set.of("prompt_tokens_total", "generation_tokens_total", "num_requests_running")));
    assertEquals(
        Optional.of("found prompt_tokens_total and gpu_cache_usage_perc"),
        profile.recognise(Set.of("prompt_tokens_total", "gpu_cache_usage_perc")));
    assertEquals(
        Optional.of("found num_request_max"), profile.recognise(Set.of("num_request_max")));
    assertEquals(
        Optional.empty(),
        profile.recognise(Set.of("prompt_tokens_total", "generation_tokens_total")),
        "a home-grown server may use these names");
    assertEquals(Optional.empty(), profile.recognise(Set.of("vllm:generation_tokens_total")));
  }
}
