package io.tokenjoule.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the agent pushes its meters over OTLP/HTTP (protobuf), beside the Prometheus page.
 *
 * @param endpoint the collector's metrics URL, e.g. {@code http://collector:4318/v1/metrics}
 * @param interval how often to push, 1 s to 1 h
 * @param timeout how long one push may take, at most the interval
 * @param headers sent with every push, e.g. {@code authorization}
 * @param caFile PEM certificates to trust for an https endpoint instead of the JVM's defaults
 * @param certFile PEM client certificate for mutual TLS (with {@code keyFile})
 * @param keyFile PEM (PKCS#8) key of {@code certFile}
 */
public record OtlpExportConfig(
    URI endpoint,
    Duration interval,
    Duration timeout,
    Map<String, String> headers,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);

  public OtlpExportConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("a client certificate needs its key, and the other way");
    }
  }
}
