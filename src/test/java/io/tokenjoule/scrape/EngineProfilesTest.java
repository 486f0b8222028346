package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineProfilesTest {

  @Test
  void registry() {
    assertEquals(
        List.of(
            "triton", "sglang", "tgi", "llamacpp", "vllm", "lmdeploy", "trtllm", "nim", "localai"),
        List.copyOf(EngineProfiles.names()));
    assertEquals(
        List.copyOf(EngineProfiles.names()),
        EngineProfiles.all().stream().map(EngineProfile::engine).toList());
    assertEquals("vllm", EngineProfiles.byName("vllm").orElseThrow().engine());
    assertEquals("sglang", EngineProfiles.byName("sglang").orElseThrow().engine());
    assertEquals("triton", EngineProfiles.byName("triton").orElseThrow().engine());
    assertTrue(EngineProfiles.byName("generic").isEmpty(), "built per server, not registered");
    assertTrue(EngineProfiles.byName("VLLM").isEmpty());
  }

  @Test
  void detectsVllmByItsSampleNames() {
    EngineProfiles.Detection detection =
        EngineProfiles.detect(Set.of("process_open_fds", "vllm_prompt_tokens_total")).orElseThrow();
    assertEquals("vllm", detection.profile().engine());
    assertEquals("found vllm_prompt_tokens_total", detection.reason());
  }

  @Test
  void detectsTritonBeforeVllmOnAVllmBackendPage() {
    EngineProfiles.Detection detection =
        EngineProfiles.detect(Set.of("vllm:prompt_tokens_total", "nv_inference_request_success"))
            .orElseThrow();
    assertEquals("triton", detection.profile().engine());
    assertEquals("found nv_inference_request_success", detection.reason());
  }

  @Test
  void detectsNothingOnOtherPages() {
    assertTrue(EngineProfiles.detect(Set.of()).isEmpty());
    assertTrue(EngineProfiles.detect(Set.of("go_goroutines", "process_open_fds")).isEmpty());
  }

  /** Each fixture page, as PageProbe reads it, is detected as exactly its own engine. */
  @ParameterizedTest
  @CsvSource({
    "vllm/v1-dp2-text.txt, PROMETHEUS_TEXT, vllm",
    "vllm/v1-dp2-openmetrics-escaped.txt, OPENMETRICS, vllm",
    "vllm/v1-multiprocess-text.txt, PROMETHEUS_TEXT, vllm",
    "vllm/v0-text.txt, PROMETHEUS_TEXT, vllm",
    "vllm/v1-bench-100k.txt, PROMETHEUS_TEXT, vllm",
    "sglang/text.txt, PROMETHEUS_TEXT, sglang",
    "sglang/openmetrics-escaped.txt, OPENMETRICS, sglang",
    "sglang/multiprocess-dp2-tp2-text.txt, PROMETHEUS_TEXT, sglang",
    "tgi/shuffled-100k.txt, PROMETHEUS_TEXT, tgi",
    "llamacpp/text.txt, PROMETHEUS_TEXT, llamacpp",
    "llamacpp/large-counters.txt, PROMETHEUS_TEXT, llamacpp"
  })
  void everyFixtureIsDetectedAsExactlyItsEngine(
      String fixture, ExpositionFormat format, String engine) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Sample sample :
        ExpositionParser.parse(
                Fixtures.bytes(fixture), format, SampleSelector.all(), ParserLimits.DEFAULT)
            .samples()) {
      names.add(sample.name());
    }
    assertEquals(engine, EngineProfiles.detect(names).orElseThrow().profile().engine());
    List<String> recognisers =
        EngineProfiles.all().stream()
            .filter(profile -> profile.recognise(names).isPresent())
            .map(EngineProfile::engine)
            .toList();
    assertEquals(List.of(engine), recognisers, "profiles that recognise " + fixture);
  }
}
