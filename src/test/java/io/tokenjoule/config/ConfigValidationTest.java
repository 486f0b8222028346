package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule's message, exactly as an operator reads it. */
class ConfigValidationTest {

  private static final String SERVER =
      "servers:\n  - name: a\n    url: http://127.0.0.1:8000/metrics\n    engine: vllm\n";

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm", "sglang", "tgi", "llamacpp"));

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void unknownKeysListTheAllowedKeys() {
    assertEquals(
        "tokenjoule.yaml:2:1: windw: unknown key 'windw'; allowed keys: listen_address, tick,"
            + " window, gpus, nvml, scrape, servers, economics, carbon, baseline, state_dir, discovery, energy, otlp, kubernetes, proxy",
        problems("tick: 1s\nwindw: 30s\n"));
    assertEquals(
        "tokenjoule.yaml:6:5: servers[0].windw: unknown key 'windw'; allowed keys: name, url,"
            + " engine, gpus, model, generic",
        problems(SERVER + "    gpus: [0]\n    windw: 30s\n"));
    assertEquals(
        "tokenjoule.yaml:2:3: nvml.libary: unknown key 'libary'; allowed keys: library,"
            + " gauge_refresh",
        problems("nvml:\n  libary: x\n"));
    assertEquals(
        "tokenjoule.yaml:2:3: scrape.max_body: unknown key 'max_body'; allowed keys: timeout,"
            + " max_body_bytes, max_series, max_label_value_length, max_labels_per_series,"
            + " max_models, max_new_models_per_scrape, max_tokens_per_second",
        problems("scrape:\n  max_body: 1MiB\n"));
  }

  @Test
  void keysAppearOnce() {
    assertEquals(
        "tokenjoule.yaml:3:1: tick: duplicate key 'tick' (first at tokenjoule.yaml:1:1);"
            + " each key may appear once",
        problems("tick: 1s\nwindow: 60s\ntick: 2s\n"));
  }

  @Test
  void listenAddress() {
    assertEquals(
        "tokenjoule.yaml:1:17: listen_address: expected host:port such as :9847, 127.0.0.1:9847"
            + " or [::1]:9847, got '9847' (did you mean ':9847'?)",
        problems("listen_address: 9847\n"));
    assertEquals(
        "tokenjoule.yaml:1:17: listen_address: port must be between 1 and 65535, got 70000",
        problems("listen_address: \":70000\"\n"));
    assertEquals(
        "tokenjoule.yaml:1:17: listen_address: expected host:port such as :9847, 127.0.0.1:9847"
            + " or [::1]:9847, got a list",
        problems("listen_address: [a]\n"));
  }

  @Test
  void tick() {
    assertEquals(
        "tokenjoule.yaml:2:7: tick: expected a duration such as 1s or 500ms, got 'fast'",
        problems("window: 60s\ntick: fast\n"));
    assertEquals(
        "tokenjoule.yaml:1:7: tick: must be between 100ms and 60s, got 50ms",
        problems("tick: 50ms\n"));
    assertEquals(
        "tokenjoule.yaml:1:7: tick: must be between 100ms and 60s, got 2m", problems("tick: 2m\n"));
    assertEquals(
        "tokenjoule.yaml:1:7: tick: expected a duration such as 1s or 500ms, got '1' (a unit is"
            + " required)",
        problems("tick: 1\n"));
  }

  @Test
  void window() {
    assertEquals(
        "tokenjoule.yaml:2:9: window: must be at least 2 x tick (4s), got 3s",
        problems("tick: 2s\nwindow: 3s\n"));
    assertEquals(
        "tokenjoule.yaml:1:9: window: must be at most 24h, got 25h", problems("window: 25h\n"));
    assertEquals(
        "tokenjoule.yaml:1:9: window: must be at least 2 x tick (2s), got 0",
        problems("window: 0\n"));
  }

  @Test
  void windowIsNotComparedWithAnInvalidTick() {
    assertEquals(
        "tokenjoule.yaml:1:7: tick: expected a duration such as 1s or 500ms, got 'x'",
        problems("tick: x\nwindow: 1s\n"));
  }

  @Test
  void topLevelGpus() {
    String expected = "expected all or a list of GPU indices and UUIDs such as [0, 1], got ";
    assertEquals("tokenjoule.yaml:1:7: gpus: " + expected + "'some'", problems("gpus: some\n"));
    assertEquals("tokenjoule.yaml:1:7: gpus: " + expected + "'0'", problems("gpus: 0\n"));
    assertEquals(
        "tokenjoule.yaml:1:7: gpus: " + expected + "an empty list", problems("gpus: []\n"));
    assertEquals(
        "tokenjoule.yaml:1:7: gpus: " + expected + "a mapping", problems("gpus: {a: 1}\n"));
    assertEquals(
        "tokenjoule.yaml:1:14: gpus[2]: GPU 0 is listed twice (first at tokenjoule.yaml:1:8);"
            + " list each GPU once",
        problems("gpus: [0, 1, 0]\n"));
    assertEquals(
        "tokenjoule.yaml:3:5: gpus[1]: expected a GPU index such as 0 or a UUID such as"
            + " GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70 (as nvidia-smi -L prints it), got"
            + " 'GPU-8f0c'",
        problems("gpus:\n  - 0\n  - GPU-8f0c\n"));
    assertEquals(
        "tokenjoule.yaml:1:8: gpus[0]: expected a GPU index such as 0 or a UUID such as"
            + " GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70 (as nvidia-smi -L prints it), got a list",
        problems("gpus: [[0]]\n"));
  }

  @Test
  void nvml() {
    assertEquals(
        "tokenjoule.yaml:1:7: nvml: expected a mapping with keys library, gauge_refresh, got '5'",
        problems("nvml: 5\n"));
    assertEquals(
        "tokenjoule.yaml:1:23: nvml.gauge_refresh: must be between 0s (every tick) and 1h, got 2h",
        problems("nvml: {gauge_refresh: 2h}\n"));
    assertEquals(
        "tokenjoule.yaml:1:17: nvml.library: expected a library name or path such as"
            + " libnvidia-ml.so.1, got a list",
        problems("nvml: {library: [a]}\n"));
  }

  @Test
  void scrape() {
    assertEquals(
        "tokenjoule.yaml:3:12: scrape.timeout: must be between 1ms and tick (1s), got 2s",
        problems("tick: 1s\nscrape:\n  timeout: 2s\n"));
    assertEquals(
        "tokenjoule.yaml:2:12: scrape.timeout: must be between 1ms and tick (1s), got 0s",
        problems("scrape:\n  timeout: 0s\n"));
    assertEquals(
        "tokenjoule.yaml:2:19: scrape.max_body_bytes: must be between 1KiB and 1GiB, got 2GiB",
        problems("scrape:\n  max_body_bytes: 2GiB\n"));
    assertEquals(
        "tokenjoule.yaml:2:19: scrape.max_body_bytes: must be between 1KiB and 1GiB, got 512",
        problems("scrape:\n  max_body_bytes: 512\n"));
    assertEquals(
        "tokenjoule.yaml:2:19: scrape.max_body_bytes: expected a byte count or a size such as"
            + " 512KiB, 16MiB or 10MB, got '16XB'",
        problems("scrape:\n  max_body_bytes: 16XB\n"));
    assertEquals(
        "tokenjoule.yaml:2:15: scrape.max_series: must be between 1 and 10000000, got 0",
        problems("scrape:\n  max_series: 0\n"));
    assertEquals(
        "tokenjoule.yaml:2:15: scrape.max_series: must be between 1 and 10000000, got 10000001",
        problems("scrape:\n  max_series: 10000001\n"));
    assertEquals(
        "tokenjoule.yaml:2:15: scrape.max_series: expected an integer between 1 and 10000000,"
            + " got '1.5'",
        problems("scrape:\n  max_series: 1.5\n"));
    assertEquals(
        "tokenjoule.yaml:1:9: scrape: expected a mapping with keys timeout, max_body_bytes,"
            + " max_series, max_label_value_length, max_labels_per_series, max_models,"
            + " max_new_models_per_scrape, max_tokens_per_second, got a list",
        problems("scrape: [1]\n"));
  }

  @Test
  void seriesLimits() throws ConfigException {
    assertEquals(
        "tokenjoule.yaml:2:27: scrape.max_label_value_length: must be between 1 and 65536, got 0",
        problems("scrape:\n  max_label_value_length: 0\n"));
    assertEquals(
        "tokenjoule.yaml:2:15: scrape.max_models: expected an integer between 1 and 65536, got"
            + " 'many'",
        problems("scrape:\n  max_models: many\n"));
    assertEquals(
        new SeriesLimits(128, 16, 4, 2),
        new ConfigLoader(Set.of("vllm"))
            .parse(
                "scrape:\n  max_label_value_length: 128\n  max_labels_per_series: 16\n"
                    + "  max_models: 4\n  max_new_models_per_scrape: 2\n",
                "tokenjoule.yaml",
                List.of())
            .scrape()
            .series());
  }

  @Test
  void counterRateLimit() throws ConfigException {
    assertEquals(
        "tokenjoule.yaml:2:26: scrape.max_tokens_per_second: must be between 1000 and"
            + " 1099511627776, got 10",
        problems("scrape:\n  max_tokens_per_second: 10\n"));
    assertEquals(
        "tokenjoule.yaml:2:26: scrape.max_tokens_per_second: expected an integer between 1000"
            + " and 1099511627776, got '1e6'",
        problems("scrape:\n  max_tokens_per_second: 1e6\n"));
    assertEquals(
        5_000_000L,
        new ConfigLoader(Set.of("vllm"))
            .parse("scrape:\n  max_tokens_per_second: 5000000\n", "tokenjoule.yaml", List.of())
            .scrape()
            .maxTokensPerSecond());
    assertEquals(
        ScrapeConfig.DEFAULT_MAX_TOKENS_PER_SECOND,
        new ConfigLoader(Set.of("vllm"))
            .parse("tick: 1s\n", "tokenjoule.yaml", List.of())
            .scrape()
            .maxTokensPerSecond());
  }

  @Test
  void serversMustBeAListOfMappings() {
    assertEquals(
        "tokenjoule.yaml:2:3: servers: expected a list of servers, each a mapping with keys name,"
            + " url, engine, gpus, model, generic, got a mapping",
        problems("servers:\n  name: a\n"));
    assertEquals(
        "tokenjoule.yaml:2:5: servers[0]: expected a mapping with keys name, url, engine, gpus,"
            + " model, generic, got 'llama'",
        problems("servers:\n  - llama\n"));
  }

  @Test
  void missingRequiredKeysAreReportedAtTheServersLine() {
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:3:5: servers[0]: missing required key 'url'; required keys: name,"
                + " url, engine, gpus",
            "tokenjoule.yaml:3:5: servers[0]: missing required key 'gpus'; required keys: name,"
                + " url, engine, gpus"),
        problems("tick: 1s\nservers:\n  - name: a\n    engine: vllm\n"));
  }

  @Test
  void serverName() {
    assertEquals(
        "tokenjoule.yaml:2:11: servers[0].name: expected a name of up to 64 letters, digits, _ . :"
            + " or -, starting with a letter or _, got '9b'",
        problems("servers:\n  - name: 9b\n    url: http://h:1\n    engine: vllm\n    gpus: [0]\n"));
    assertEquals(
        "tokenjoule.yaml:2:10: servers[0].name: expected a name of up to 64 letters, digits, _ . :"
            + " or -, starting with a letter or _, got an empty value",
        problems("servers:\n  - name:\n    url: http://h:1\n    engine: vllm\n    gpus: [0]\n"));
    assertEquals(
        "tokenjoule.yaml:3:12: servers[1].name: server name 'a' is already used at"
            + " tokenjoule.yaml:2:12; names must be unique",
        problems(
            "servers:\n"
                + "  - {name: a, url: 'http://h:1', engine: vllm, gpus: [0]}\n"
                + "  - {name: a, url: 'http://h:2', engine: vllm, gpus: [1]}\n"));
  }

  @Test
  void serverUrl() {
    String expected =
        ": servers[0].url: expected an http or https URL with a host such as"
            + " http://127.0.0.1:8000/metrics, got ";
    String rest = "    engine: vllm\n    gpus: [0]\n";
    assertEquals(
        "tokenjoule.yaml:3:10" + expected + "'ftp://h/metrics'",
        problems("servers:\n  - name: a\n    url: ftp://h/metrics\n" + rest));
    assertEquals(
        "tokenjoule.yaml:3:10" + expected + "'127.0.0.1:8000'",
        problems("servers:\n  - name: a\n    url: 127.0.0.1:8000\n" + rest));
    assertEquals(
        "tokenjoule.yaml:3:10" + expected + "'http:///metrics'",
        problems("servers:\n  - name: a\n    url: http:///metrics\n" + rest));
    assertEquals(
        "tokenjoule.yaml:3:10" + expected + "'http://h:8000/a b'",
        problems("servers:\n  - name: a\n    url: http://h:8000/a b\n" + rest));
  }

  @Test
  void serverModelIsOptionalAndNamesTheModel() throws ConfigException {
    String server = SERVER.replace("engine: vllm", "engine: tgi") + "    gpus: [0]\n";
    assertEquals(
        Optional.empty(),
        loader.parse(server, "tokenjoule.yaml", List.of()).servers().get(0).model());
    assertEquals(
        Optional.of("mistralai/Mistral-7B-Instruct-v0.3"),
        loader
            .parse(
                server + "    model: mistralai/Mistral-7B-Instruct-v0.3\n",
                "tokenjoule.yaml",
                List.of())
            .servers()
            .get(0)
            .model());
    String expected =
        ": servers[0].model: expected a model name of 1 to 256 characters such as llama-3.1-8b,"
            + " got ";
    assertEquals("tokenjoule.yaml:6:12" + expected + "' '", problems(server + "    model: ' '\n"));
    assertEquals(
        "tokenjoule.yaml:6:12" + expected + "'" + "m".repeat(257) + "'",
        problems(server + "    model: " + "m".repeat(257) + "\n"));
    assertEquals(
        "tokenjoule.yaml:6:12: servers[0].model: expected a model name of 1 to 256 characters"
            + " such as llama-3.1-8b, got a list",
        problems(server + "    model: [a, b]\n"));
  }

  @Test
  void serverEngine() {
    assertEquals(
        "tokenjoule.yaml:4:13: servers[0].engine: unknown engine 'vlm'; known engines: generic,"
            + " llamacpp, sglang, tgi, vllm",
        problems("servers:\n  - name: a\n    url: http://h:1\n    engine: vlm\n    gpus: [0]\n"));
  }

  @Test
  void serverGpus() {
    String head = SERVER;
    assertEquals(
        "tokenjoule.yaml:5:11: servers[0].gpus: expected a non-empty list of GPU indices and UUIDs"
            + " such as [0, 1], got an empty list",
        problems(head + "    gpus: []\n"));
    assertEquals(
        "tokenjoule.yaml:5:11: servers[0].gpus: expected a non-empty list of GPU indices and UUIDs"
            + " such as [0, 1], got '0'",
        problems(head + "    gpus: 0\n"));
    assertEquals(
        "tokenjoule.yaml:5:15: servers[0].gpus[1]: GPU 1 is listed twice (first at"
            + " tokenjoule.yaml:5:12); list each GPU once",
        problems(head + "    gpus: [1, 1]\n"));
  }

  @Test
  void serverGpusMustBeAmongTheTopLevelList() {
    assertEquals(
        "tokenjoule.yaml:6:15: servers[0].gpus[1]: GPU 2 is not in the top-level gpus list (0,"
            + " 1); add it there, or set gpus: all",
        problems("gpus: [0, 1]\n" + SERVER + "    gpus: [1, 2]\n"));
  }

  @Test
  void theTopLevelMustBeAMapping() {
    assertEquals(
        "tokenjoule.yaml:1:1: expected a mapping with keys listen_address, tick, window, gpus,"
            + " nvml, scrape, servers, economics, carbon, baseline, state_dir, discovery, energy, otlp, kubernetes, proxy, got a list",
        problems("- tick\n- window\n"));
    assertEquals(
        "tokenjoule.yaml:1:1: expected a mapping with keys listen_address, tick, window, gpus,"
            + " nvml, scrape, servers, economics, carbon, baseline, state_dir, discovery, energy, otlp, kubernetes, proxy, got 'hello'",
        problems("hello\n"));
  }

  @Test
  void syntaxErrorsHaveLineAndColumn() {
    assertEquals(
        "tokenjoule.yaml:2:12: invalid YAML: mapping values are not allowed here",
        problems("tick: 1s\nwindow: 60s: 2\n"));
    assertEquals(
        "tokenjoule.yaml:2:1: invalid YAML: expected ',' or ']', but got <stream end> (while"
            + " parsing a flow sequence at 1:7)",
        problems("gpus: [0, 1\n"));
    assertEquals(
        "tokenjoule.yaml:2:1: invalid YAML: found character '\\t(TAB)' that cannot start any"
            + " token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)",
        problems("nvml:\n\tlibrary: x\n"));
  }

  @Test
  void onlyOneDocument() {
    assertEquals(
        "tokenjoule.yaml:2:1: found a second YAML document; the configuration must be a single"
            + " document",
        problems("tick: 1s\n---\ntick: 2s\n"));
  }

  @Test
  void unknownAliasesAreReportedOnce() {
    assertEquals(
        "tokenjoule.yaml:1:7: unknown alias '*fast'; an alias must refer to an anchor (&fast)"
            + " defined before it",
        problems("tick: *fast\n"));
  }

  @Test
  void anAliasInsideItsOwnAnchorIsAProblemNotALoop() {
    assertEquals(
        "tokenjoule.yaml:1:7: an alias cannot refer to the anchor it is written in\n"
            + "tokenjoule.yaml:1:7: gpus[1]: expected a GPU index such as 0 or a UUID such as"
            + " GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70 (as nvidia-smi -L prints it), got an"
            + " empty value",
        problems("gpus: &g [0, *g]\n"));
  }

  @Test
  void runawayNestingIsRefused() {
    String deep = "tick: " + "[".repeat(40) + "]".repeat(40) + "\n";
    assertEquals("tokenjoule.yaml: invalid YAML: Nesting Depth exceeded max 32", problems(deep));
  }

  @Test
  void aTagSnakeYamlRefusesIsAnErrorNotACrash() {
    // Found by fuzzing: the tag ends in a %-escaped space, which SnakeYAML refuses by throwing.
    assertEquals(
        "tokenjoule.yaml: invalid YAML: Tag must not contain leading or trailing spaces.",
        problems("listen_address: !0:%20\n"));
  }

  @Test
  void anErrorBehindAnAliasIsReportedWhereTheValueIsWritten() {
    assertEquals(
        // An anchored value starts at its anchor: "&w 2s".
        "tokenjoule.yaml:1:9: scrape.timeout: must be between 1ms and tick (1s), got 2s",
        problems("window: &w 2s\nscrape:\n  timeout: *w\n"));
  }

  @Test
  void severalProblemsAreReportedAtOnceInReadingOrder() {
    String yaml =
        """
        listen_address: ":0"
        tick: fast
        window: 25h
        gpus: [0, 0]
        scrape:
          max_series: many
        servers:
          - name: llama-70b
            url: ftp://h
            engine: vllm
            gpus: [0]
            extra: 1
        """;
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:1:17: listen_address: port must be between 1 and 65535, got 0",
            "tokenjoule.yaml:2:7: tick: expected a duration such as 1s or 500ms, got 'fast'",
            "tokenjoule.yaml:3:9: window: must be at most 24h, got 25h",
            "tokenjoule.yaml:4:11: gpus[1]: GPU 0 is listed twice (first at tokenjoule.yaml:4:8);"
                + " list each GPU once",
            "tokenjoule.yaml:6:15: scrape.max_series: expected an integer between 1 and 10000000,"
                + " got 'many'",
            "tokenjoule.yaml:9:10: servers[0].url: expected an http or https URL with a host such"
                + " as http://127.0.0.1:8000/metrics, got 'ftp://h'",
            "tokenjoule.yaml:12:5: servers[0].extra: unknown key 'extra'; allowed keys: name, url,"
                + " engine, gpus, model, generic"),
        problems(yaml));
  }

  @Test
  void mergeKeysFillInWhatAServerDoesNotSay() throws ConfigException {
    String yaml =
        """
        servers:
          - &base
            name: a
            url: http://127.0.0.1:8000/metrics
            engine: vllm
            gpus: [0]
          - <<: *base
            name: b
            gpus: [1]
        """;
    List<ServerConfig> servers = loader.parse(yaml, "tokenjoule.yaml", List.of()).servers();
    assertEquals("b", servers.get(1).name());
    assertEquals(servers.get(0).url(), servers.get(1).url());
    assertEquals(1, ((GpuRef.Index) servers.get(1).gpus().get(0)).index());
  }

  @Test
  void aMergeKeyNeedsMappings() {
    assertEquals(
        "tokenjoule.yaml:1:5: expected a mapping or a list of mappings to merge with <<, got '1'",
        problems("<<: 1\n"));
  }
}
