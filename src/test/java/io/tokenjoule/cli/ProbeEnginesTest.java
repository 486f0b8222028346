package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tokenjoule probe FILE --json} on a saved page of each engine. */
class ProbeEnginesTest {

  private static final String FIXTURES = "src/test/resources/fixtures/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One expected model of the report: name, prompt, generated, requests (null when unknown). */
  private record Model(String model, double prompt, double generated, Double requests) {}

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of(
            "triton/tensorrtllm-ensemble.txt",
            false,
            "triton",
            "found nv_inference_request_success",
            List.of(new Model("tensorrt_llm", 3_145_728, 1_048_576, 5120.0))),
        Arguments.of(
            "triton/vllm-backend.txt",
            false,
            "triton",
            "found nv_inference_request_success",
            List.of(
                new Model("llama_small", 1000, 2500, 10.0),
                new Model("vllm_model", 77_777, 155_555, 640.0))),
        Arguments.of(
            "lmdeploy/text.txt",
            false,
            "lmdeploy",
            "found lmdeploy:prompt_tokens_total",
            List.of(new Model("internlm/internlm2_5-7b-chat", 1_602_346, 3_034_566, 4171.0))),
        Arguments.of(
            "lmdeploy/openmetrics-escaped.txt",
            true,
            "lmdeploy",
            "found lmdeploy_prompt_tokens_total",
            List.of(new Model("internlm/internlm2_5-7b-chat", 1_602_346, 3_034_566, 4171.0))),
        Arguments.of(
            "trtllm/text.txt",
            false,
            "trtllm",
            "found trtllm_prompt_tokens_total",
            List.of(new Model("meta-llama/Llama-3.1-8B-Instruct", 2_468_013, 1_357_911, 3615.0))),
        Arguments.of(
            "trtllm/openmetrics.txt",
            true,
            "trtllm",
            "found trtllm_prompt_tokens_total",
            List.of(new Model("meta-llama/Llama-3.1-8B-Instruct", 2_468_013, 1_357_911, 3615.0))),
        Arguments.of(
            "nim/text.txt",
            false,
            "nim",
            "found generation_tokens_total and num_request_max",
            List.of(new Model("meta/llama-3.1-70b-instruct", 4_567_890, 2_345_678, 9876.0))),
        Arguments.of(
            "nim/openmetrics.txt",
            true,
            "nim",
            "found generation_tokens_total and num_request_max",
            List.of(new Model("meta/llama-3.1-70b-instruct", 4_567_890, 2_345_678, 9876.0))),
        Arguments.of(
            "trtllm/legacy-no-token-counters.txt",
            false,
            "trtllm",
            "found trtllm_request_success_total, but no trtllm-serve token counters on the page:"
                + " trtllm_prompt_tokens_total and trtllm_generation_tokens_total are missing"
                + " (TensorRT-LLM releases before them export requests and latencies only)",
            List.of()),
        Arguments.of(
            "localai/metrics.txt",
            false,
            "localai",
            "found api_call_count and target_info, but LocalAI exports no token counters: its"
                + " page has API call durations (api_call) only, so prompt and generated tokens"
                + " are missing; count its tokens elsewhere (a gateway) and read them with engine"
                + " generic",
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("pages")
  void reportsTheEngineTheModelsAndTheirCounters(
      String fixture, boolean openMetrics, String engine, String reason, List<Model> models)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("probe", FIXTURES + fixture, "--json"));
    if (openMetrics) {
      args.add("--openmetrics");
    }
    CommandRun run = CommandRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = JSON.readTree(run.out());
    assertEquals(engine, report.get("engine").asText());
    assertEquals(reason, report.get("reason").asText());
    assertEquals(0, report.get("unparsed_lines").asInt());
    List<Model> read = new ArrayList<>();
    for (JsonNode model : report.get("models")) {
      read.add(
          new Model(
              model.get("model").asText(),
              model.get("prompt_tokens").asDouble(),
              model.get("generated_tokens").asDouble(),
              model.get("requests").isNull() ? null : model.get("requests").asDouble()));
    }
    assertEquals(models, read);
  }

  @Test
  void aHomeGrownServerIsNoKnownEngine() throws Exception {
    CommandRun run = CommandRun.of("probe", FIXTURES + "generic/custom-server.txt", "--json");
    assertEquals(ProbeCommand.EXIT_UNRECOGNISED, run.exitCode());
    JsonNode report = JSON.readTree(run.out());
    assertTrue(report.get("engine").isNull());
    assertEquals(0, report.get("models").size());
  }
}
