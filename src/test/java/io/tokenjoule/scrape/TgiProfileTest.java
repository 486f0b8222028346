package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TgiProfileTest {

  private final TgiProfile profile = new TgiProfile();

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
  void readsTheHistogramSumsOfAHundredKilobyteShuffledPage() throws Exception {
    byte[] page = Fixtures.bytes(Fixtures.TGI);
    assertTrue(page.length > 90_000, "page of " + page.length + " bytes");
    EngineCounters counters = extract(page);
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 2_300_693, 1_159_273, 1500, 7)),
        counters.models());
    // counts move at request end: the running batch's token budget
    assertEquals(9650.0, counters.tokenResolution());
  }

  @Test
  void familyOrderDoesNotMatter() throws Exception {
    String text = Fixtures.text(Fixtures.TGI);
    List<String> families = new ArrayList<>(List.of(text.split("\n\n")));
    EngineCounters expected = extract(Fixtures.bytes(Fixtures.TGI));
    Random random = new Random(1);
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(families, random);
      byte[] shuffled = (String.join("\n\n", families) + "\n").getBytes();
      assertEquals(expected, extract(shuffled));
    }
  }

  @Test
  void beforeTheFirstRequestTheCountersAreZero() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                new Sample(TgiProfile.QUEUE_SIZE, Labels.EMPTY, 0),
                new Sample(TgiProfile.BATCH_CURRENT_SIZE, Labels.EMPTY, 0)));
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 0, 0, 0, 0)), counters.models());
    assertEquals(1.0, counters.tokenResolution());
  }

  @Test
  void withoutTheBudgetGaugeTheBoundIsTheRunningRequests() throws Exception {
    EngineCounters counters =
        profile.extract(
            List.of(
                new Sample(TgiProfile.INPUT_LENGTH_SUM, Labels.EMPTY, 100),
                new Sample(TgiProfile.GENERATED_TOKENS_SUM, Labels.EMPTY, 50),
                new Sample(TgiProfile.BATCH_CURRENT_SIZE, Labels.EMPTY, 4)));
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 100, 50, 0, 4)), counters.models());
    assertEquals(4.0, counters.tokenResolution());
  }

  @Test
  void aPageWithoutTgiSeriesOrWithABadCounterIsMissingMetrics() {
    assertThrows(MissingMetricsException.class, () -> profile.extract(List.of()));
    assertThrows(
        MissingMetricsException.class,
        () ->
            profile.extract(
                List.of(new Sample(TgiProfile.REQUEST_SUCCESS, Labels.EMPTY, Double.NaN))));
  }

  @Test
  void recognisesTgiNamesOnly() {
    assertEquals(
        "found tgi_request_generated_tokens_sum",
        profile
            .recognise(Set.of("tgi_request_success", "tgi_request_generated_tokens_sum"))
            .orElseThrow());
    assertTrue(profile.recognise(Set.of("tgi_request_generated_tokens_bucket")).isEmpty());
    assertTrue(profile.recognise(Set.of("vllm:num_requests_running")).isEmpty());
  }
}
