package io.tokenjoule.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP endpoint's security, read from {@code --web.config.file} in the Prometheus
 * exporter-toolkit format: TLS (with optional mTLS) and basic-auth users. Immutable.
 *
 * @param tls HTTPS settings; empty serves plain HTTP
 * @param basicAuthUsers user name to bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$});
 *     empty requires no credentials, otherwise every path requires one of them
 */
public record WebConfig(Optional<WebTlsConfig> tls, Map<String, String> basicAuthUsers) {
  public WebConfig {
    Objects.requireNonNull(tls, "tls");
    basicAuthUsers = Map.copyOf(basicAuthUsers);
  }

  /** No TLS and no authentication: what the agent does without {@code --web.config.file}. */
  public static WebConfig none() {
    return new WebConfig(Optional.empty(), Map.of());
  }

  /** Lists the users, not their hashes. */
  @Override
  public String toString() {
    return "WebConfig[tls="
        + tls
        + ", basicAuthUsers="
        + new TreeMap<>(basicAuthUsers).keySet()
        + "]";
  }
}
