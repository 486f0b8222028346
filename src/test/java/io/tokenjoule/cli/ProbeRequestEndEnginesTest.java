package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tokenjoule probe FILE --json} on the SGLang, TGI, llama.cpp and vLLM fixture pages. */
class ProbeRequestEndEnginesTest {

  private static final String FIXTURES = "src/test/resources/fixtures/";

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "sglang/text.txt, false, sglang, meta-llama/Llama-3.1-8B-Instruct, 51234, 98765, 400",
        "sglang/openmetrics-escaped.txt, true, sglang, meta-llama/Llama-3.1-8B-Instruct, 51234,"
            + " 98765, 400",
        "sglang/multiprocess-dp2-tp2-text.txt, false, sglang, Qwen/Qwen2.5-72B-Instruct, 1200000,"
            + " 1600000, 5000",
        "tgi/shuffled-100k.txt, false, tgi, unknown, 2300693, 1159273, 1500",
        "llamacpp/text.txt, false, llamacpp, unknown, 48213, 91377, -",
        "llamacpp/large-counters.txt, false, llamacpp, unknown, 12345700, 3456790, -",
        "vllm/v0-text.txt, false, vllm, mistralai/Mistral-7B-Instruct-v0.2, 51234, 98765, 431"
      })
  void probeJsonNamesTheEngineModelAndCounters(
      String fixture,
      boolean openMetrics,
      String engine,
      String model,
      double prompt,
      double generated,
      Double requests)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("probe", "--json"));
    if (openMetrics) {
      args.add("--openmetrics");
    }
    args.add(FIXTURES + fixture);
    CommandRun run = CommandRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(engine, json.get("engine").asText());
    assertTrue(json.get("reason").asText().startsWith("found " + engine), run.out());
    assertEquals(0, json.get("unparsed_lines").asInt(), run.out());
    assertEquals(1, json.get("models").size(), run.out());
    JsonNode counters = json.get("models").get(0);
    assertEquals(model, counters.get("model").asText());
    assertEquals(prompt, counters.get("prompt_tokens").asDouble());
    assertEquals(generated, counters.get("generated_tokens").asDouble());
    if (requests == null) {
      assertTrue(counters.get("requests").isNull(), run.out());
    } else {
      assertEquals(requests, counters.get("requests").asDouble());
    }
  }
}
