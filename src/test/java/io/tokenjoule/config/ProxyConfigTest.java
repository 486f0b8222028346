package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.proxy.ApiKeyHash;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code proxy} section: defaults, every key, the tenant map file, and the messages. */
class ProxyConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));
  @TempDir Path dir;

  private Optional<ProxyConfig> proxy(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).proxy();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void absentMeansNoProxy() throws Exception {
    assertEquals(Optional.empty(), proxy("tick: 1s\n"));
  }

  @Test
  void readsTheSectionWithItsDefaults() throws Exception {
    ProxyConfig config =
        proxy("proxy:\n  upstream: http://127.0.0.1:11434\n  listen: ':11435'\n").orElseThrow();

    assertEquals(new ListenAddress("", 11435), config.listen());
    assertEquals(ProxySettings.defaults(URI.create("http://127.0.0.1:11434")), config.settings());
    assertEquals("proxy", config.server());
    assertEquals(List.of(), config.gpus());
  }

  @Test
  void readsEveryKeyAndTheTenantMapFile() throws Exception {
    Path config = dir.resolve("tokenjoule.yaml");
    Files.writeString(
        dir.resolve("tenants.yaml"),
        "team-a:\n  - " + ApiKeyHash.sha256Hex("sk-a") + "\n  - " + ApiKeyHash.sha256Hex("sk-b"));
    Files.writeString(
        config,
        "gpus: [0, 1]\n"
            + "proxy:\n"
            + "  upstream: https://ollama.internal:443/base\n"
            + "  listen: 127.0.0.1:8080\n"
            + "  server: ollama\n"
            + "  gpus: [1]\n"
            + "  tenant_header: OpenAI-Project\n"
            + "  tenant_map_file: tenants.yaml\n"
            + "  max_tenants: 7\n"
            + "  max_models: 3\n"
            + "  max_request_bytes: 2MiB\n"
            + "  upstream_timeout: 90s\n"
            + "  connect_timeout: 250ms\n"
            + "  max_connections: 64\n");
    ProxyConfig proxy = loader.load(config, List.of()).proxy().orElseThrow();

    ProxySettings settings = proxy.settings();
    assertEquals("ollama", proxy.server());
    assertEquals(1, proxy.gpus().size());
    assertEquals(Optional.of("OpenAI-Project"), settings.tenantHeader());
    assertEquals(
        Map.of(ApiKeyHash.sha256Hex("sk-a"), "team-a", ApiKeyHash.sha256Hex("sk-b"), "team-a"),
        settings.tenantMap().tenantByKeySha256());
    assertEquals(7, settings.maxTenants());
    assertEquals(3, settings.maxModels());
    assertEquals(2L << 20, settings.maxRequestBytes());
    assertEquals(Duration.ofSeconds(90), settings.upstreamTimeout());
    assertEquals(Duration.ofMillis(250), settings.connectTimeout());
    assertEquals(64, settings.maxConnections());
  }

  @Test
  void theFlagsSetUpstreamAndListen() throws Exception {
    ProxyConfig config =
        loader
            .defaults(
                List.of(
                    new ConfigOverride("proxy.upstream", "http://[::1]:8000", "--upstream"),
                    new ConfigOverride("proxy.listen", "[::1]:9000", "--listen")))
            .proxy()
            .orElseThrow();
    assertEquals(URI.create("http://[::1]:8000"), config.settings().upstream());
    assertEquals(new ListenAddress("::1", 9000), config.listen());
  }

  @Test
  void namesEveryProblemWithItsPlace() {
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:8:3: proxy: missing required key 'listen'; required keys: upstream,"
                + " listen",
            "tokenjoule.yaml:8:13: proxy.upstream: expected the inference server's base http or"
                + " https URL, such as http://127.0.0.1:11434, got 'ftp://x'",
            "tokenjoule.yaml:9:11: proxy.server: server name 'chat' is already used at"
                + " tokenjoule.yaml:2:5; names must be unique",
            "tokenjoule.yaml:10:18: proxy.tenant_header: expected an HTTP header name such as"
                + " X-Tenant or OpenAI-Project, got 'X Tenant'",
            "tokenjoule.yaml:11:16: proxy.max_tenants: must be an integer between 1 and 10000,"
                + " got 0",
            "tokenjoule.yaml:12:10: proxy.gpus[0]: GPU 3 is not in the top-level gpus list (0);"
                + " add it there, or set gpus: all"),
        problems(
            "servers:\n"
                + "  - name: chat\n"
                + "    url: http://127.0.0.1:8000/metrics\n"
                + "    engine: vllm\n"
                + "    gpus: [0]\n"
                + "gpus: [0]\n"
                + "proxy:\n"
                + "  upstream: ftp://x\n"
                + "  server: chat\n"
                + "  tenant_header: X Tenant\n"
                + "  max_tenants: 0\n"
                + "  gpus: [3]\n"));
  }

  @Test
  void aTenantMapWithKeysInClearIsRefusedWithoutRepeatingThem() throws Exception {
    Files.writeString(dir.resolve("tenants.yaml"), "team-a:\n  - sk-live-secret\nbad name: []\n");
    Path config = dir.resolve("tokenjoule.yaml");
    Files.writeString(
        config,
        "proxy:\n  upstream: http://127.0.0.1:1\n  listen: ':1'\n  tenant_map_file: tenants.yaml\n");
    String message =
        assertThrows(ConfigException.class, () -> loader.load(config, List.of())).getMessage();

    assertTrue(message.contains("tenants.yaml:2:5: team-a[0]: expected the SHA-256"), message);
    assertTrue(message.contains("tenants.yaml:3:1: bad name: expected a tenant name"), message);
    assertTrue(!message.contains("sk-live-secret"), message);
  }

  @Test
  void theExampleTenantMapReads() throws Exception {
    Path config = dir.resolve("tokenjoule.yaml");
    Files.writeString(
        config,
        "proxy:\n  upstream: http://127.0.0.1:1\n  listen: ':1'\n  tenant_map_file: "
            + Path.of("agent/tenants.yaml").toAbsolutePath()
            + "\n");
    ProxyConfig proxy = loader.load(config, List.of()).proxy().orElseThrow();
    assertEquals(
        "team-search",
        proxy.settings().tenantMap().tenantByKeySha256().get(ApiKeyHash.sha256Hex("test")));
  }
}
