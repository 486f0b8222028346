package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalAiProfileTest {

  static final String PAGE = "localai/metrics.txt";

  private final LocalAiProfile profile = new LocalAiProfile();

  @Test
  void readingAlwaysSaysThatLocalAiCountsNoTokens() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () -> FixtureReading.extract(profile, PAGE, PROMETHEUS_TEXT));
    assertEquals(
        "LocalAI exports no token counters: its page has API call durations (api_call) only, so"
            + " prompt and generated tokens are missing; count its tokens elsewhere (a gateway)"
            + " and read them with engine generic",
        e.getMessage());
  }

  @Test
  void recognisedByItsApiCallHistogramNextToTheOpenTelemetryTargetInfo() throws Exception {
    assertEquals("localai", profile.engine());
    assertEquals(
        Optional.of("found api_call_count and target_info"),
        profile.recognise(FixtureReading.sampleNames(PAGE, PROMETHEUS_TEXT)));
    assertEquals(Optional.empty(), profile.recognise(Set.of("api_call_count")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("target_info", "http_requests")));
  }
}
