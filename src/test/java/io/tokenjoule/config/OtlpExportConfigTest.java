package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code otlp} section: absent, every key, and what a mistake says and where. */
class OtlpExportConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private Optional<OtlpExportConfig> otlp(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).otlp();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void absentPushesNothing() throws Exception {
    assertEquals(Optional.empty(), otlp("tick: 1s\n"));
  }

  @Test
  void readsEveryKeyAndDefaultsTheRest() throws Exception {
    assertEquals(
        Optional.of(
            new OtlpExportConfig(
                URI.create("http://collector:4318/v1/metrics"),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())),
        otlp("otlp:\n  endpoint: http://collector:4318/v1/metrics\n"));

    OtlpExportConfig config =
        otlp("otlp:\n"
                + "  endpoint: https://collector:4318/v1/metrics\n"
                + "  interval: 15s\n"
                + "  timeout: 5s\n"
                + "  headers: {authorization: Bearer x, x-scope-orgid: team-a}\n"
                + "  tls: {ca_file: /etc/ca.pem, cert_file: /etc/c.pem, key_file: /etc/k.pem}\n")
            .orElseThrow();
    assertEquals(Duration.ofSeconds(15), config.interval());
    assertEquals(Duration.ofSeconds(5), config.timeout());
    assertEquals(Map.of("authorization", "Bearer x", "x-scope-orgid", "team-a"), config.headers());
    assertEquals(Optional.of(Path.of("/etc/ca.pem")), config.caFile());
    assertEquals(Optional.of(Path.of("/etc/k.pem")), config.keyFile());
  }

  @Test
  void mistakesAreNamedWithTheirPlace() {
    String endpoint = problems("otlp:\n  endpoint: collector:4318\n");
    assertTrue(
        endpoint.contains("tokenjoule.yaml:2:13: otlp.endpoint: expected an http or https URL"),
        endpoint);
    String missing = problems("otlp:\n  interval: 10s\n");
    assertTrue(missing.contains("missing required key 'endpoint'"), missing);
    String interval = problems("otlp:\n  endpoint: http://c/v1/metrics\n  interval: 500ms\n");
    assertTrue(interval.contains("otlp.interval: must be between 1s and 1h, got 500ms"), interval);
    String timeout =
        problems("otlp:\n  endpoint: http://c/v1/metrics\n  interval: 5s\n  timeout: 10s\n");
    assertTrue(timeout.contains("must be above 0 and at most the interval"), timeout);
    String tls =
        problems("otlp:\n  endpoint: https://c/v1/metrics\n  tls: {cert_file: /etc/c.pem}\n");
    assertTrue(tls.contains("cert_file and key_file go together"), tls);
    String header = problems("otlp:\n  endpoint: http://c/v1/metrics\n  headers: {'a b': x}\n");
    assertTrue(header.contains("'a b' is not an HTTP header name"), header);
  }
}
