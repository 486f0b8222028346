package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String UUID = "GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70";
  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm", "sglang", "tgi", "llamacpp"));

  private AgentConfig parse(String yaml, ConfigOverride... overrides) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of(overrides));
  }

  private String problems(String yaml, ConfigOverride... overrides) {
    return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
  }

  private static void assertDefaults(AgentConfig config) {
    assertEquals(new ListenAddress("", 9847), config.listen());
    assertEquals(Duration.ofSeconds(1), config.tick());
    assertEquals(Duration.ofSeconds(60), config.window());
    assertEquals(GpuSelection.all(), config.gpus());
    assertEquals(new NvmlConfig("", Duration.ofSeconds(5)), config.nvml());
    assertEquals(
        new ScrapeConfig(Duration.ofMillis(500), 16L * 1024 * 1024, 200_000), config.scrape());
    assertEquals(List.of(), config.servers());
  }

  @Test
  void anEmptyFileMeansEveryDefault() throws ConfigException {
    assertDefaults(parse(""));
    assertDefaults(parse("# only a comment\n"));
    assertDefaults(parse("---\n"));
    assertDefaults(parse("~\n"));
  }

  @Test
  void defaultsWithoutAFile() throws ConfigException {
    assertDefaults(loader.defaults(List.of()));
  }

  @Test
  void emptyValuesAndEmptySectionsTakeTheDefaults() throws ConfigException {
    assertDefaults(parse("tick:\nwindow: ~\nnvml:\nscrape: {}\nservers: []\n"));
  }

  @Test
  void readsEveryKey() throws ConfigException {
    AgentConfig config =
        parse(
            """
            listen_address: "127.0.0.1:9900"
            tick: 500ms
            window: 1m30s
            gpus: [0, 1, "%s"]
            nvml:
              library: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.54.15
              gauge_refresh: 0s
            scrape:
              timeout: 250ms
              max_body_bytes: 512KiB
              max_series: 5000
            servers:
              - name: llama-70b
                url: http://127.0.0.1:8000/metrics
                engine: vllm
                gpus: [0, 1]
              - name: qwen:7b
                url: https://10.0.0.5:30000
                engine: sglang
                gpus: ["%s"]
            """
                .formatted(UUID, UUID));
    assertEquals(new ListenAddress("127.0.0.1", 9900), config.listen());
    assertEquals(Duration.ofMillis(500), config.tick());
    assertEquals(Duration.ofSeconds(90), config.window());
    assertEquals(
        GpuSelection.of(
            List.of(
                new GpuRef.Index(0, new ConfigLocation("tokenjoule.yaml", 4, 8, "gpus[0]")),
                new GpuRef.Index(1, new ConfigLocation("tokenjoule.yaml", 4, 11, "gpus[1]")),
                new GpuRef.Uuid(UUID, new ConfigLocation("tokenjoule.yaml", 4, 14, "gpus[2]")))),
        config.gpus());
    assertEquals(
        new NvmlConfig("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.54.15", Duration.ZERO),
        config.nvml());
    assertEquals(new ScrapeConfig(Duration.ofMillis(250), 524_288, 5000), config.scrape());
    assertEquals(
        List.of(
            new ServerConfig(
                "llama-70b",
                URI.create("http://127.0.0.1:8000/metrics"),
                "vllm",
                List.of(
                    new GpuRef.Index(
                        0, new ConfigLocation("tokenjoule.yaml", 16, 12, "servers[0].gpus[0]")),
                    new GpuRef.Index(
                        1, new ConfigLocation("tokenjoule.yaml", 16, 15, "servers[0].gpus[1]"))),
                new ConfigLocation("tokenjoule.yaml", 13, 5, "servers[0]")),
            new ServerConfig(
                "qwen:7b",
                URI.create("https://10.0.0.5:30000/metrics"),
                "sglang",
                List.of(
                    new GpuRef.Uuid(
                        UUID, new ConfigLocation("tokenjoule.yaml", 20, 12, "servers[1].gpus[0]"))),
                new ConfigLocation("tokenjoule.yaml", 17, 5, "servers[1]"))),
        config.servers());
  }

  @Test
  void aUrlWithoutPathGetsMetricsAndKeepsItsQuery() throws ConfigException {
    String yaml =
        """
        servers:
          - {name: a, url: "http://h:8000", engine: tgi, gpus: [0]}
          - {name: b, url: "http://h:8001?format=text", engine: tgi, gpus: [1]}
          - {name: c, url: "http://h:8002/", engine: tgi, gpus: [2]}
        """;
    List<ServerConfig> servers = parse(yaml).servers();
    assertEquals(URI.create("http://h:8000/metrics"), servers.get(0).url());
    assertEquals(URI.create("http://h:8001/metrics?format=text"), servers.get(1).url());
    assertEquals(URI.create("http://h:8002/"), servers.get(2).url());
  }

  @Test
  void anchorsAndAliasesAreResolved() throws ConfigException {
    AgentConfig config =
        parse(
            """
            gpus: &node [0, 1]
            servers:
              - name: a
                url: &url http://127.0.0.1:8000/metrics
                engine: vllm
                gpus: *node
              - name: b
                url: *url
                engine: vllm
                gpus: *node
            """);
    assertEquals(2, config.servers().size());
    assertEquals(config.servers().get(0).url(), config.servers().get(1).url());
    // An aliased value is located where it is written, under the key path that uses it.
    assertEquals(
        new ConfigLocation("tokenjoule.yaml", 1, 17, "servers[1].gpus[1]"),
        config.servers().get(1).gpus().get(1).location());
  }

  @Test
  void longTicksAndShortTicksAdjustTheDefaultsThatDependOnThem() throws ConfigException {
    AgentConfig slow = parse("tick: 45s\n");
    assertEquals(Duration.ofSeconds(90), slow.window());
    assertEquals(Duration.ofMillis(500), slow.scrape().timeout());
    AgentConfig fast = parse("tick: 500ms\n");
    assertEquals(Duration.ofSeconds(60), fast.window());
    assertEquals(Duration.ofMillis(250), fast.scrape().timeout());
  }

  @Test
  void overridesWinOverTheFile() throws ConfigException {
    String yaml =
        """
        listen_address: ":9847"
        tick: 2s
        window: 10m
        gpus: [0, 1, 2, 3]
        scrape:
          timeout: 1s
        """;
    AgentConfig config =
        parse(
            yaml,
            new ConfigOverride("listen_address", "127.0.0.1:9999", "--listen-address"),
            new ConfigOverride("tick", "500ms", "--tick"),
            new ConfigOverride("window", "30s", "--window"),
            new ConfigOverride("gpus", "2, 3", "--gpus"),
            new ConfigOverride("scrape.timeout", "300ms", "--scrape-timeout"),
            new ConfigOverride("scrape.max_body_bytes", "1MiB", "--scrape-max-body"),
            new ConfigOverride("nvml.library", "/opt/nvml.so", "--nvml-library"));
    assertEquals(new ListenAddress("127.0.0.1", 9999), config.listen());
    assertEquals(Duration.ofMillis(500), config.tick());
    assertEquals(Duration.ofSeconds(30), config.window());
    assertEquals(
        GpuSelection.of(
            List.of(
                new GpuRef.Index(2, ConfigLocation.of("--gpus", "gpus[0]")),
                new GpuRef.Index(3, ConfigLocation.of("--gpus", "gpus[1]")))),
        config.gpus());
    assertEquals(new ScrapeConfig(Duration.ofMillis(300), 1 << 20, 200_000), config.scrape());
    assertEquals(new NvmlConfig("/opt/nvml.so", Duration.ofSeconds(5)), config.nvml());
  }

  @Test
  void gpusAllOverridesAFileList() throws ConfigException {
    assertEquals(
        GpuSelection.all(),
        parse("gpus: [0]\n", new ConfigOverride("gpus", "all", "--gpus")).gpus());
  }

  @Test
  void theLastOverrideOfAKeyWins() throws ConfigException {
    AgentConfig config =
        parse(
            "",
            new ConfigOverride("tick", "2s", "--tick"),
            new ConfigOverride("tick", "3s", "TOKENJOULE_TICK"));
    assertEquals(Duration.ofSeconds(3), config.tick());
  }

  @Test
  void overridesApplyToDefaults() throws ConfigException {
    AgentConfig config =
        loader.defaults(
            List.of(
                new ConfigOverride("window", "5m", "--window"),
                new ConfigOverride("nvml.gauge_refresh", "1s", "--gauge-refresh")));
    assertEquals(Duration.ofMinutes(5), config.window());
    assertEquals(Duration.ofSeconds(1), config.nvml().gaugeRefresh());
  }

  @Test
  void overrideErrorsNameTheFlag() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.defaults(
                    List.of(
                        new ConfigOverride("window", "1s", "--window"),
                        new ConfigOverride("scrape.max_series", "lots", "--max-series"),
                        new ConfigOverride("gpus", "0,x,0", "--gpus"),
                        new ConfigOverride("servers", "a", "--servers"))));
    assertEquals(
        String.join(
            "\n",
            "--servers: servers: unknown key 'servers'; keys that can be set from the command line:"
                + " listen_address, tick, window, gpus, nvml.library, nvml.gauge_refresh,"
                + " scrape.timeout, scrape.max_body_bytes, scrape.max_series,"
                + " scrape.max_label_value_length, scrape.max_labels_per_series, scrape.max_models,"
                + " scrape.max_new_models_per_scrape, scrape.max_tokens_per_second,"
                + " proxy.upstream, proxy.listen",
            "--window: window: must be at least 2 x tick (2s), got 1s",
            "--gpus: gpus[1]: expected a GPU index such as 0 or a UUID such as"
                + " GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70 (as nvidia-smi -L prints it), got 'x'",
            "--gpus: gpus[2]: GPU 0 is listed twice (first at --gpus); list each GPU once",
            "--max-series: scrape.max_series: expected an integer between 1 and 10000000,"
                + " got 'lots'"),
        e.getMessage());
  }

  @Test
  void anOverrideCanMakeAFileValueInvalidAndTheFileValueIsBlamed() {
    assertEquals(
        "tokenjoule.yaml:1:9: window: must be at least 2 x tick (4s), got 3s",
        problems("window: 3s\n", new ConfigOverride("tick", "2s", "--tick")));
  }

  @Test
  void anEmptyGpusOverrideIsRejected() {
    assertEquals(
        "--gpus: gpus: expected all or a list of GPU indices and UUIDs such as [0, 1],"
            + " got an empty list",
        problems("", new ConfigOverride("gpus", "", "--gpus")));
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws IOException, ConfigException {
    Path file = dir.resolve("tokenjoule.yaml");
    Files.writeString(file, "\uFEFFtick: 2s\n");
    AgentConfig config = loader.load(file, List.of(new ConfigOverride("window", "8s", "--window")));
    assertEquals(Duration.ofSeconds(2), config.tick());
    assertEquals(Duration.ofSeconds(8), config.window());
  }

  @Test
  void problemsInAFileNameItsPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tokenjoule.yaml");
    Files.writeString(file, "tick: fast\n");
    assertEquals(
        file + ":1:7: tick: expected a duration such as 1s or 500ms, got 'fast'",
        assertThrows(ConfigException.class, () -> loader.load(file, List.of())).getMessage());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, List.of()));
    assertEquals(file + ": cannot read the configuration file: no such file", e.getMessage());
    assertEquals(ConfigLocation.of(file.toString(), ""), e.problems().get(0).where());
  }

  @Test
  void aDirectoryIsNotAFile(@TempDir Path dir) {
    assertEquals(
        dir + ": is a directory; expected a YAML file",
        assertThrows(ConfigException.class, () -> loader.load(dir, List.of())).getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "tick: 1s # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        file + ": is not UTF-8 text; expected a YAML file in UTF-8",
        assertThrows(ConfigException.class, () -> loader.load(file, List.of())).getMessage());
  }

  @Test
  void aHugeFileIsRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.yaml");
    Files.write(file, new byte[ConfigFileReader.MAX_FILE_BYTES + 1]);
    assertEquals(
        file + ": is larger than 1MiB; expected a YAML configuration file",
        assertThrows(ConfigException.class, () -> loader.load(file, List.of())).getMessage());
  }

  @Test
  void theOperatorsExampleIsValidAndDocumentsTheDefaults() throws ConfigException {
    AgentConfig example = loader.load(Path.of("agent", "tokenjoule.yaml"), List.of());
    AgentConfig defaults = loader.defaults(List.of());
    assertEquals(defaults.listen(), example.listen());
    assertEquals(defaults.tick(), example.tick());
    assertEquals(defaults.window(), example.window());
    assertEquals(defaults.gpus(), example.gpus());
    assertEquals(defaults.nvml(), example.nvml());
    assertEquals(defaults.scrape(), example.scrape());
    assertEquals(defaults.energy(), example.energy());
    assertEquals(1, example.servers().size());
    ServerConfig server = example.servers().get(0);
    assertEquals("llama-70b", server.name());
    assertEquals("vllm", server.engine());
    assertEquals(8000, server.url().getPort());
    assertEquals(
        List.of(0, 1), server.gpus().stream().map(g -> ((GpuRef.Index) g).index()).toList());
  }

  @Test
  void theOperatorsCommentedOutServersAreValidOnceUncommented() throws Exception {
    // A commented-out server starts with "#  - name:" and runs while lines start "#    ".
    StringBuilder uncommented = new StringBuilder();
    boolean inServer = false;
    for (String line : Files.readAllLines(Path.of("agent", "tokenjoule.yaml"))) {
      inServer = line.startsWith("#  - name:") || (inServer && line.startsWith("#    "));
      uncommented.append(inServer ? line.substring(1) : line).append('\n');
    }
    AgentConfig example = loader.parse(uncommented.toString(), "tokenjoule.yaml", List.of());
    assertEquals(
        List.of("llama-70b", "mistral-tgi", "router-qwen"),
        example.servers().stream().map(ServerConfig::name).toList());
    ServerConfig tgi = example.servers().get(1);
    assertEquals("tgi", tgi.engine());
    assertEquals(Optional.of("mistralai/Mistral-7B-Instruct-v0.3"), tgi.model());
    ServerConfig router = example.servers().get(2);
    assertEquals("llamacpp", router.engine());
    assertEquals(Optional.of("qwen2.5-7b-instruct"), router.model());
    assertEquals("/metrics", router.url().getPath());
    assertEquals("model=qwen2.5-7b-instruct", router.url().getQuery());
    assertEquals(Optional.empty(), example.servers().get(0).model());
  }

  @Test
  void theOperatorsCommentedOutSectionsAreValidOnceUncommented() throws Exception {
    // A commented-out section starts with "#key:" and runs to the next blank line.
    StringBuilder uncommented = new StringBuilder();
    boolean inSection = false;
    for (String line : Files.readAllLines(Path.of("agent", "tokenjoule.yaml"))) {
      inSection = line.matches("#[a-z_]+:.*") || (inSection && line.startsWith("#"));
      uncommented.append(inSection ? line.substring(1) : line).append('\n');
    }
    // Named as the file it is, so that the proxy's tenant map beside it is found.
    AgentConfig example = loader.parse(uncommented.toString(), "agent/tokenjoule.yaml", List.of());
    assertTrue(example.economics().isPresent(), uncommented.toString());
    assertEquals("ollama", example.proxy().orElseThrow().server());
    assertEquals(1.3, example.economics().get().site().pue());
    assertEquals(1, example.economics().get().tariff().windows().size());
  }
}
