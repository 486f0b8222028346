package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GenericProfileTest {

  static final String PAGE = "generic/custom-server.txt";

  private static GenericProfile stages(Optional<String> modelLabel) {
    return new GenericProfile(
        MetricSelector.of("myllm_tokens_total", "stage", "prefill"),
        MetricSelector.of("myllm_tokens_total", "stage", "decode"),
        Optional.of(MetricSelector.of("myllm_requests_total")),
        Optional.of(MetricSelector.of("myllm_running")),
        modelLabel);
  }

  @Test
  void labelSelectorsSplitOneCounterPerModel() throws Exception {
    GenericProfile profile = stages(Optional.of("model"));
    EngineCounters counters = FixtureReading.extract(profile, PAGE, PROMETHEUS_TEXT);
    assertEquals(
        List.of(
            new ModelCounters("acme-13b", 120_000, 45_000, 310, 4),
            new ModelCounters("acme-70b", 80_000, 30_000, 200, 3)),
        counters.models());
    assertEquals(7.0, counters.tokenResolution());
    assertEquals("generic", profile.engine());
    assertEquals(
        Set.of("myllm_tokens_total", "myllm_requests_total", "myllm_running"),
        profile.sampleNames());
  }

  @Test
  void histogramSumAndNoModelLabelCountUnderUnknown() throws Exception {
    GenericProfile profile =
        new GenericProfile(
            MetricSelector.of("myllm_tokens_total", "stage", "prefill"),
            MetricSelector.of("myllm_output_tokens_sum"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    EngineCounters counters = FixtureReading.extract(profile, PAGE, PROMETHEUS_TEXT);
    assertEquals(
        List.of(new ModelCounters("unknown", 200_000, 75_000, Double.NaN, Double.NaN)),
        counters.models());
    assertEquals(1.0, counters.tokenResolution());
  }

  @Test
  void anAbsentLabelMatchesTheEmptyValue() throws Exception {
    GenericProfile profile =
        new GenericProfile(
            MetricSelector.of("in_total", "lora", ""),
            MetricSelector.of("out_total", "lora", ""),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    EngineCounters counters =
        profile.extract(
            List.of(
                new Sample("in_total", Labels.of("lora", "a"), 100),
                new Sample("in_total", Labels.EMPTY, 7),
                new Sample("out_total", Labels.of("lora", ""), 9)));
    assertEquals(
        List.of(new ModelCounters("unknown", 7, 9, Double.NaN, Double.NaN)), counters.models());
  }

  @Test
  void missingSeriesAreNamedAsConfigured() {
    GenericProfile profile = stages(Optional.of("model"));
    MissingMetricsException none =
        assertThrows(
            MissingMetricsException.class,
            () -> profile.extract(List.of(new Sample("myllm_running", Labels.EMPTY, 1))));
    assertEquals(
        "none of the configured token series is on the page:"
            + " myllm_tokens_total{stage=\"prefill\"} and myllm_tokens_total{stage=\"decode\"}"
            + " are missing",
        none.getMessage());
    MissingMetricsException decode =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(
                        new Sample(
                            "myllm_tokens_total",
                            Labels.of("stage", "prefill", "model", "x"),
                            1))));
    assertEquals("myllm_tokens_total{stage=\"decode\"} missing for model x", decode.getMessage());
  }

  @Test
  void theSameSeriesCannotCountBothKinds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new GenericProfile(
                    MetricSelector.of("t_total", "k", "v"),
                    MetricSelector.of("t_total", "k", "v"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    assertEquals(
        "prompt and generated tokens name the same series t_total{k=\"v\"}", e.getMessage());
  }

  @Test
  void equalWhenBuiltFromEqualSelectors() {
    assertEquals(stages(Optional.of("model")), stages(Optional.of("model")));
    assertEquals(stages(Optional.of("model")).hashCode(), stages(Optional.of("model")).hashCode());
    assertNotEquals(stages(Optional.of("model")), stages(Optional.empty()));
  }

  @Test
  void recognisesAPageWithBothConfiguredMetrics() {
    GenericProfile profile = stages(Optional.empty());
    assertEquals(
        Optional.of("found the configured myllm_tokens_total and myllm_tokens_total"),
        profile.recognise(Set.of("myllm_tokens_total")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("other_total")));
  }
}
