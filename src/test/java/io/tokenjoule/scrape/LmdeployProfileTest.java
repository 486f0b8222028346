package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LmdeployProfileTest {

  static final String TEXT = "lmdeploy/text.txt";
  static final String OPENMETRICS_ESCAPED = "lmdeploy/openmetrics-escaped.txt";
  private static final String MODEL = "internlm/internlm2_5-7b-chat";

  private final LmdeployProfile profile = new LmdeployProfile();

  @Test
  void textPageSumsRequestsOverFinishReasons() throws Exception {
    EngineCounters counters = FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT);
    assertEquals(
        List.of(new ModelCounters(MODEL, 1_602_346, 3_034_566, 4150 + 21, 25)), counters.models());
    assertEquals(25.0, counters.tokenResolution());
  }

  @Test
  void openMetricsUnderscoreSpellingGivesTheSameCounters() throws Exception {
    assertEquals(
        FixtureReading.extract(profile, TEXT, PROMETHEUS_TEXT),
        FixtureReading.extract(profile, OPENMETRICS_ESCAPED, OPENMETRICS));
  }

  @Test
  void sumsOverEnginesAndPrefersTheColonSpelling() throws Exception {
    List<Sample> samples =
        List.of(
            sample("lmdeploy:prompt_tokens_total", 10, "model_name", "m", "engine", "0"),
            sample("lmdeploy:prompt_tokens_total", 5, "model_name", "m", "engine", "1"),
            sample("lmdeploy_prompt_tokens_total", 15, "model_name", "m", "engine", "0"),
            sample("lmdeploy_generation_tokens_total", 7, "model_name", "m", "engine", "0"),
            sample("lmdeploy:num_requests_running", 2, "model_name", "m", "engine", "0"),
            sample("lmdeploy:num_requests_running", 1, "model_name", "m", "engine", "1"));
    EngineCounters counters = profile.extract(samples);
    assertEquals(List.of(new ModelCounters("m", 15, 7, Double.NaN, 3)), counters.models());
    assertEquals(3.0, counters.tokenResolution());
  }

  @Test
  void missingCountersAreNamed() {
    MissingMetricsException none =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(sample("lmdeploy:num_requests_running", 1, "model_name", "m"))));
    assertEquals(
        "no LMDeploy token counters on the page: lmdeploy:prompt_tokens_total and"
            + " lmdeploy:generation_tokens_total (or their lmdeploy_ spellings) are missing; is"
            + " the server started with --enable-metrics?",
        none.getMessage());
    MissingMetricsException one =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(sample("lmdeploy:generation_tokens_total", 1, "model_name", "m"))));
    assertEquals("lmdeploy:prompt_tokens_total missing for model m", one.getMessage());
  }

  @Test
  void counterValuesThatAreNotCountersAreRefused() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(
                        sample("lmdeploy:prompt_tokens_total", -1, "model_name", "m"),
                        sample("lmdeploy:generation_tokens_total", 1, "model_name", "m"))));
    assertEquals(
        "lmdeploy:prompt_tokens_total{model_name=\"m\"} has the value -1.0, not a counter value",
        e.getMessage());
  }

  @Test
  void recognition() {
    assertEquals("lmdeploy", profile.engine());
    assertEquals(
        Optional.of("found lmdeploy:prompt_tokens_total"),
        profile.recognise(
            Set.of("lmdeploy:generation_tokens_total", "lmdeploy:prompt_tokens_total")));
    assertEquals(
        Optional.of("found lmdeploy_generation_tokens_total"),
        profile.recognise(Set.of("lmdeploy_generation_tokens_total")));
    assertEquals(
        Optional.of("found lmdeploy:gpu_cache_usage_perc"),
        profile.recognise(Set.of("lmdeploy:gpu_cache_usage_perc", "process_open_fds")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("vllm:prompt_tokens_total")));
  }

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }
}
