package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineProfilesTest {

  @Test
  void registry() {
    assertEquals(
        List.of("triton", "vllm", "lmdeploy", "trtllm", "nim", "localai"),
        List.copyOf(EngineProfiles.names()));
    assertEquals(
        List.copyOf(EngineProfiles.names()),
        EngineProfiles.all().stream().map(EngineProfile::engine).toList());
    assertEquals("vllm", EngineProfiles.byName("vllm").orElseThrow().engine());
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
    assertTrue(EngineProfiles.detect(Set.of("go_goroutines", "tgi_request_success")).isEmpty());
  }
}
