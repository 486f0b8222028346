package io.tokenjoule.scrape;

import static io.tokenjoule.scrape.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TritonProfileTest {

  static final String TENSORRT_LLM = "triton/tensorrtllm-ensemble.txt";
  static final String VLLM_BACKEND = "triton/vllm-backend.txt";

  private final TritonProfile profile = new TritonProfile();

  @Test
  void tensorRtLlmEnsembleReadsTheLlmStepOnly() throws Exception {
    EngineCounters counters = FixtureReading.extract(profile, TENSORRT_LLM, PROMETHEUS_TEXT);
    assertEquals(
        List.of(new ModelCounters("tensorrt_llm", 3_145_728, 1_048_576, 5120, 24)),
        counters.models());
    assertEquals(24 * (1_048_576 / 5120.0), counters.tokenResolution(), 1e-9);
    assertFalse(counters.simulated());
  }

  @Test
  void vllmBackendReadsVllmCountersByTritonsModelLabel() throws Exception {
    EngineCounters counters = FixtureReading.extract(profile, VLLM_BACKEND, PROMETHEUS_TEXT);
    assertEquals(
        List.of(
            new ModelCounters("llama_small", 1000, 2500, 10, 0),
            new ModelCounters("vllm_model", 77_777, 155_555, 640, 6)),
        counters.models());
    assertEquals(6.0, counters.tokenResolution());
  }

  @Test
  void sumsOverVersionsAndLeavesOutModelsWithoutTokens() throws Exception {
    List<Sample> samples =
        List.of(
            sample("nv_inference_request_success", 7, "model", "ensemble", "version", "1"),
            sample("nv_inference_request_success", 3, "model", "llm", "version", "1"),
            sample("nv_inference_request_success", 2, "model", "llm", "version", "2"),
            sample(
                "nv_llm_input_token_len_sum",
                30,
                "model",
                "llm",
                "version",
                "1",
                "response_metric_type",
                "total_input_tokens"),
            sample(
                "nv_llm_input_token_len_sum",
                20,
                "model",
                "llm",
                "version",
                "2",
                "response_metric_type",
                "total_input_tokens"),
            sample(
                "nv_llm_output_token_len_sum",
                100,
                "model",
                "llm",
                "version",
                "1",
                "response_metric_type",
                "total_output_tokens"),
            sample(
                "nv_llm_output_token_len_sum",
                999,
                "model",
                "llm",
                "version",
                "1",
                "response_metric_type",
                "something_else"));
    EngineCounters counters = profile.extract(samples);
    assertEquals(List.of(new ModelCounters("llm", 50, 100, 5, Double.NaN)), counters.models());
    assertEquals(1.0, counters.tokenResolution());
  }

  @Test
  void aPageWithRequestsButNoTokensSaysWhatIsMissing() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(
                        sample("nv_inference_request_success", 7, "model", "resnet50"),
                        sample("nv_inference_count", 7, "model", "resnet50"))));
    assertEquals(
        "no token metrics on the Triton page: neither the TensorRT-LLM backend's"
            + " nv_llm_input_token_len/nv_llm_output_token_len histograms nor the vLLM backend's"
            + " vllm:prompt_tokens_total/vllm:generation_tokens_total; Triton's own counters"
            + " count requests, not tokens",
        e.getMessage());
  }

  @Test
  void aModelWithOnlyInputTokensIsAnError() {
    MissingMetricsException e =
        assertThrows(
            MissingMetricsException.class,
            () ->
                profile.extract(
                    List.of(
                        sample(
                            "nv_llm_input_token_len_sum",
                            5,
                            "model",
                            "llm",
                            "response_metric_type",
                            "total_input_tokens"))));
    assertEquals(
        "nv_llm_output_token_len_sum{response_metric_type=\"total_output_tokens\"} or"
            + " vllm:generation_tokens_total missing for model llm",
        e.getMessage());
  }

  @Test
  void namesAndPaths() {
    assertEquals("triton", profile.engine());
    assertEquals(List.of("/metrics"), profile.metricsPaths());
    assertEquals(
        Set.of(
            "nv_llm_input_token_len_sum",
            "vllm:prompt_tokens_total",
            "nv_llm_output_token_len_sum",
            "vllm:generation_tokens_total",
            "nv_llm_output_token_len_count",
            "nv_inference_request_success",
            "nv_trt_llm_request_metrics",
            "vllm:num_requests_running"),
        profile.sampleNames());
  }

  @Test
  void recognition() {
    assertEquals(
        Optional.of("found nv_inference_request_success"),
        profile.recognise(Set.of("vllm:prompt_tokens_total", "nv_inference_request_success")));
    assertEquals(
        Optional.of("found nv_inference_count"),
        profile.recognise(Set.of("nv_inference_count", "nv_gpu_utilization")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("vllm:prompt_tokens_total")));
    assertEquals(Optional.empty(), profile.recognise(Set.of("nv_gpu_utilization")));
  }

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }
}
