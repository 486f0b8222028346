package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A server's {@code generic:} block: what it reads, and every message for a mistake in it. */
class GenericServerConfigTest {

  private static final String HEAD =
      "servers:\n"
          + "  - name: my-server\n"
          + "    url: http://127.0.0.1:9000/metrics\n"
          + "    engine: generic\n"
          + "    gpus: [0]\n";

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private ServerConfig server(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).servers().get(0);
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  private static ConfigLocation at(int line, int column, String keyPath) {
    return new ConfigLocation("tokenjoule.yaml", line, column, keyPath);
  }

  @Test
  void everyKeyWithLabelSelectorsAndTheMetricNameShorthand() throws ConfigException {
    ServerConfig server =
        server(
            HEAD
                + "    generic:\n"
                + "      prompt_tokens: {metric: my_tokens_total, labels: {stage: prefill}}\n"
                + "      generated_tokens:\n"
                + "        metric: my_tokens_total\n"
                + "        labels: {stage: decode, lora: \"\"}\n"
                + "      requests: my_requests_total\n"
                + "      running: {metric: my_running}\n"
                + "      model_label: model\n");
    assertEquals("generic", server.engine());
    assertEquals(URI.create("http://127.0.0.1:9000/metrics"), server.url());
    assertEquals(
        Optional.of(
            new GenericEngineConfig(
                new GenericEngineConfig.Series(
                    "my_tokens_total",
                    Map.of("stage", "prefill"),
                    at(7, 22, "servers[0].generic.prompt_tokens")),
                new GenericEngineConfig.Series(
                    "my_tokens_total",
                    Map.of("stage", "decode", "lora", ""),
                    at(9, 9, "servers[0].generic.generated_tokens")),
                Optional.of(
                    new GenericEngineConfig.Series(
                        "my_requests_total", Map.of(), at(11, 17, "servers[0].generic.requests"))),
                Optional.of(
                    new GenericEngineConfig.Series(
                        "my_running", Map.of(), at(12, 16, "servers[0].generic.running"))),
                Optional.of("model"),
                at(7, 7, "servers[0].generic"))),
        server.generic());
    assertEquals(
        "my_tokens_total{lora=\"\",stage=\"decode\"}",
        server.generic().get().generatedTokens().selector());
  }

  @Test
  void onlyTheTwoTokenSeriesAreRequired() throws ConfigException {
    GenericEngineConfig generic =
        server(HEAD + "    generic: {prompt_tokens: in_sum, generated_tokens: out_sum}\n")
            .generic()
            .orElseThrow();
    assertEquals("in_sum", generic.promptTokens().metric());
    assertEquals("out_sum", generic.generatedTokens().metric());
    assertEquals(Optional.empty(), generic.requests());
    assertEquals(Optional.empty(), generic.running());
    assertEquals(Optional.empty(), generic.modelLabel());
  }

  @Test
  void otherEnginesHaveNoGenericBlock() throws ConfigException {
    ServerConfig vllm =
        server("servers:\n  - {name: a, url: 'http://h:1/metrics', engine: vllm, gpus: [0]}\n");
    assertEquals(Optional.empty(), vllm.generic());
  }

  @Test
  void engineGenericWithoutItsBlockNamesTheEngineLine() {
    assertEquals(
        "tokenjoule.yaml:4:13: servers[0].engine: engine generic needs a generic: block naming"
            + " the series to read, with keys prompt_tokens, generated_tokens, requests, running,"
            + " model_label (prompt_tokens and generated_tokens required)",
        problems(HEAD));
    assertEquals(
        "tokenjoule.yaml:4:13: servers[0].engine: engine generic needs a generic: block naming"
            + " the series to read, with keys prompt_tokens, generated_tokens, requests, running,"
            + " model_label (prompt_tokens and generated_tokens required)",
        problems(HEAD + "    generic:\n"));
  }

  @Test
  void aGenericBlockWithAnotherEngine() {
    assertEquals(
        "tokenjoule.yaml:6:14: servers[0].generic: a generic: block is read only with engine:"
            + " generic, and this server's engine is vllm",
        problems(
            HEAD.replace("engine: generic", "engine: vllm")
                + "    generic: {prompt_tokens: a_total, generated_tokens: b_total}\n"));
  }

  @Test
  void requiredAndUnknownKeys() {
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:7:7: servers[0].generic.prompt: unknown key 'prompt'; allowed keys:"
                + " prompt_tokens, generated_tokens, requests, running, model_label",
            "tokenjoule.yaml:7:7: servers[0].generic: missing required key 'prompt_tokens';"
                + " required keys: prompt_tokens, generated_tokens"),
        problems(HEAD + "    generic:\n      prompt: a_total\n      generated_tokens: b_total\n"));
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:6:30: servers[0].generic.prompt_tokens: missing required key"
                + " 'metric'; required keys: metric",
            "tokenjoule.yaml:6:31: servers[0].generic.prompt_tokens.name: unknown key 'name';"
                + " allowed keys: metric, labels"),
        problems(
            HEAD + "    generic: {prompt_tokens: {name: a_total}, generated_tokens: b_total}\n"));
  }

  @Test
  void metricAndLabelNames() {
    assertEquals(
        "tokenjoule.yaml:6:30: servers[0].generic.prompt_tokens: expected a metric name such as"
            + " my_prompt_tokens_total (letters, digits, _ and :, not starting with a digit), got"
            + " '9tokens'",
        problems(HEAD + "    generic: {prompt_tokens: 9tokens, generated_tokens: b_total}\n"));
    assertEquals(
        "tokenjoule.yaml:6:39: servers[0].generic.prompt_tokens.metric: expected a metric name"
            + " such as my_prompt_tokens_total (letters, digits, _ and :, not starting with a"
            + " digit), got 'a-b'",
        problems(
            HEAD + "    generic: {prompt_tokens: {metric: a-b}, generated_tokens: b_total}\n"));
    assertEquals(
        "tokenjoule.yaml:10:9: servers[0].generic.model_label: expected a label name such as model"
            + " (letters, digits and _, not starting with a digit), got 'model.name'",
        problems(
            HEAD
                + "    generic:\n"
                + "      prompt_tokens: a_total\n"
                + "      generated_tokens: b_total\n"
                + "      model_label:\n"
                + "        model.name\n"));
  }

  @Test
  void labelSelectors() {
    String series = "    generic:\n      generated_tokens: b_total\n      prompt_tokens:\n";
    assertEquals(
        "tokenjoule.yaml:10:17: servers[0].generic.prompt_tokens.labels: expected a mapping of"
            + " label names to values such as {stage: prefill}, got a list",
        problems(HEAD + series + "        metric: a_total\n        labels: [stage, prefill]\n"));
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:10:18: servers[0].generic.prompt_tokens.labels.stage-x: expected a"
                + " label name such as model (letters, digits and _, not starting with a digit),"
                + " got 'stage-x'",
            "tokenjoule.yaml:10:39: servers[0].generic.prompt_tokens.labels.pool: duplicate label"
                + " 'pool' (first at tokenjoule.yaml:10:30); each label may appear once",
            "tokenjoule.yaml:10:53: servers[0].generic.prompt_tokens.labels.kind: expected a"
                + " label value (quote an empty one: \"\"), got an empty value"),
        problems(
            HEAD
                + series
                + "        metric: a_total\n"
                + "        labels: {stage-x: 1, pool: a, pool: b, kind: }\n"));
  }

  @Test
  void promptAndGeneratedMustBeDifferentSeries() {
    assertEquals(
        "tokenjoule.yaml:8:25: servers[0].generic.generated_tokens: generated_tokens selects the"
            + " same series as prompt_tokens (t_total{k=\"v\"} at tokenjoule.yaml:7:22); each must"
            + " count its own tokens",
        problems(
            HEAD
                + "    generic:\n"
                + "      prompt_tokens: {metric: t_total, labels: {k: v}}\n"
                + "      generated_tokens: {labels: {k: v}, metric: t_total}\n"));
  }

  @Test
  void theRecordRefusesAMismatchedEngineAndBlock() {
    GenericEngineConfig block =
        new GenericEngineConfig(
            new GenericEngineConfig.Series("a_total", Map.of(), at(1, 1, "x")),
            new GenericEngineConfig.Series("b_total", Map.of(), at(1, 1, "y")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            at(1, 1, "z"));
    URI url = URI.create("http://h/metrics");
    List<GpuRef> gpus = List.of(new GpuRef.Index(0, at(1, 1, "g")));
    IllegalArgumentException generic =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ServerConfig("s", url, "generic", gpus, at(1, 1, "s")));
    assertEquals(
        "server s: a generic block goes with engine generic and only with it, got engine generic"
            + " without one",
        generic.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ServerConfig(
                "s", url, "vllm", Optional.empty(), gpus, at(1, 1, "s"), Optional.of(block)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new GenericEngineConfig(
                block.promptTokens(),
                new GenericEngineConfig.Series("a_total", Map.of(), at(2, 2, "w")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                at(1, 1, "z")));
  }

  @Test
  void theOperatorsCommentedGenericServerIsValidOnceUncommented() throws Exception {
    // The example server is commented out as "  #- name:" and "  #  key:" lines in servers.
    StringBuilder uncommented = new StringBuilder();
    boolean found = false;
    for (String line : Files.readAllLines(Path.of("agent", "tokenjoule.yaml"))) {
      boolean example = line.startsWith("  #- ") || line.startsWith("  #  ");
      found |= example;
      uncommented.append(example ? "  " + line.substring(3) : line).append('\n');
    }
    assertTrue(found, "no commented-out generic server in agent/tokenjoule.yaml");
    AgentConfig config = loader.parse(uncommented.toString(), "tokenjoule.yaml", List.of());
    assertEquals(2, config.servers().size());
    ServerConfig server = config.servers().get(1);
    assertEquals("my-server", server.name());
    GenericEngineConfig generic = server.generic().orElseThrow();
    assertEquals("my_tokens_total{stage=\"prefill\"}", generic.promptTokens().selector());
    assertEquals("my_tokens_total{stage=\"decode\"}", generic.generatedTokens().selector());
    assertEquals("my_requests_total", generic.requests().orElseThrow().selector());
    assertEquals("my_requests_running", generic.running().orElseThrow().selector());
    assertEquals(Optional.of("model"), generic.modelLabel());
  }
}
