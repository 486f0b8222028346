package io.tokenjoule.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code otlp} section: {@code endpoint} (required), {@code interval}, {@code timeout},
 * {@code headers} (a mapping of names to values) and {@code tls} ({@code ca_file}, {@code
 * cert_file}, {@code key_file}). Absent, nothing is pushed.
 */
final class OtlpBinder {

  static final String ENDPOINT = "endpoint";
  static final String INTERVAL = "interval";
  static final String TIMEOUT = "timeout";
  static final String HEADERS = "headers";
  static final String TLS = "tls";
  static final String CA_FILE = "ca_file";
  static final String CERT_FILE = "cert_file";
  static final String KEY_FILE = "key_file";
  static final List<String> KEYS = List.of(ENDPOINT, INTERVAL, TIMEOUT, HEADERS, TLS);
  static final List<String> REQUIRED = List.of(ENDPOINT);
  static final List<String> TLS_KEYS = List.of(CA_FILE, CERT_FILE, KEY_FILE);

  private OtlpBinder() {}

  /** The section's settings; empty when absent, or when a problem was reported. */
  static Optional<OtlpExportConfig> read(Optional<Located> at, Problems problems) {
    if (at.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<URI> endpoint =
        keys.required(ENDPOINT, REQUIRED)
            .flatMap(e -> e.parse(problems, "an http or https URL", OtlpBinder::endpoint));
    Duration interval =
        keys.durationBetween(
                INTERVAL,
                OtlpExportConfig.MIN_INTERVAL,
                OtlpExportConfig.MAX_INTERVAL,
                "must be between 1s and 1h",
                problems)
            .orElse(OtlpExportConfig.DEFAULT_INTERVAL);
    Duration timeout =
        keys.optional(TIMEOUT)
            .flatMap(
                t ->
                    t.within(
                        DurationSyntax.read(t, problems),
                        d -> !d.isNegative() && !d.isZero() && d.compareTo(interval) <= 0,
                        "must be above 0 and at most the interval",
                        problems))
            .orElse(
                OtlpExportConfig.DEFAULT_TIMEOUT.compareTo(interval) < 0
                    ? OtlpExportConfig.DEFAULT_TIMEOUT
                    : interval);
    Map<String, String> headers =
        keys.optional(HEADERS).map(h -> headers(h, problems)).orElse(Map.of());
    Optional<Path> ca = Optional.empty();
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    Optional<Located> tls = keys.optional(TLS);
    if (tls.isPresent()) {
      Optional<MappingReader> tlsKeys = MappingReader.of(tls.get(), TLS_KEYS, problems);
      if (tlsKeys.isPresent()) {
        ca = tlsKeys.get().optional(CA_FILE).flatMap(f -> file(f, problems));
        cert = tlsKeys.get().optional(CERT_FILE).flatMap(f -> file(f, problems));
        key = tlsKeys.get().optional(KEY_FILE).flatMap(f -> file(f, problems));
        if (cert.isPresent() != key.isPresent()) {
          problems.add(
              tls.get().location(), "cert_file and key_file go together: give both or neither");
        }
      }
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new OtlpExportConfig(endpoint.orElseThrow(), interval, timeout, headers, ca, cert, key));
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "expected an http or https URL such as http://collector:4318/v1/metrics, got '"
                + text
                + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "expected an http or https URL such as http://collector:4318/v1/metrics, got '"
              + text
              + "'");
    }
  }

  private static Map<String, String> headers(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Mapping mapping)) {
      problems.add(
          at.location(),
          "expected a mapping of header names to values, such as authorization: Bearer x, got "
              + at.node().describe());
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located value = at.child(entry.key(), entry.value());
      if (!entry.key().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        problems.add(value.location(), "'" + entry.key() + "' is not an HTTP header name");
        continue;
      }
      value
          .parse(problems, "a header value", Function.identity())
          .ifPresent(v -> headers.put(entry.key(), v));
    }
    return headers;
  }

  private static Optional<Path> file(Located at, Problems problems) {
    return at.parse(problems, "a PEM file path", Path::of);
  }
}
