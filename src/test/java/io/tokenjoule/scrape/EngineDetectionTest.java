package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.OPENMETRICS;
import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture page is recognised by exactly its own engine's profile, and detected as it. */
class EngineDetectionTest {

  @ParameterizedTest
  @CsvSource({
    "triton/tensorrtllm-ensemble.txt, false, triton",
    "triton/vllm-backend.txt,         false, triton",
    "lmdeploy/text.txt,               false, lmdeploy",
    "lmdeploy/openmetrics-escaped.txt, true, lmdeploy",
    "trtllm/text.txt,                 false, trtllm",
    "trtllm/openmetrics.txt,           true, trtllm",
    "trtllm/legacy-no-token-counters.txt, false, trtllm",
    "nim/text.txt,                    false, nim",
    "nim/openmetrics.txt,              true, nim",
    "localai/metrics.txt,             false, localai",
    "vllm/v1-dp2-text.txt,            false, vllm",
    "vllm/v1-dp2-openmetrics-escaped.txt, true, vllm",
    "vllm/v0-text.txt,                false, vllm",
  })
  void detectedAsItsEngine(String fixture, boolean openMetrics, String engine) throws Exception {
    Set<String> names =
        FixtureReading.sampleNames(fixture, openMetrics ? OPENMETRICS : PROMETHEUS_TEXT);
    assertEquals(engine, EngineProfiles.detect(names).orElseThrow().profile().engine());
    List<String> recognisedBy = new ArrayList<>();
    for (EngineProfile profile : EngineProfiles.all()) {
      profile.recognise(names).ifPresent(reason -> recognisedBy.add(profile.engine()));
    }
    List<String> expected = new ArrayList<>(List.of(engine));
    if (fixture.equals("triton/vllm-backend.txt")) {
      // its vllm: counters are vLLM's names; detection order puts Triton first
      expected.add("vllm");
    }
    assertEquals(expected, recognisedBy);
  }

  @Test
  void aHomeGrownServerIsNoKnownEngine() throws Exception {
    assertTrue(
        EngineProfiles.detect(
                FixtureReading.sampleNames("generic/custom-server.txt", PROMETHEUS_TEXT))
            .isEmpty());
  }
}
