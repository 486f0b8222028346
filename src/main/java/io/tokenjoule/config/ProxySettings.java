package io.tokenjoule.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the proxy forwards and counts.
 *
 * @param upstream the server's base URL ({@code http://127.0.0.1:11434}); a request's path and
 *     query are appended to it
 * @param tenantHeader the request header that names the tenant, if any
 * @param tenantMap API key hashes to tenant names
 * @param maxTenants distinct tenant labels kept (header names and hashed keys), then {@code
 *     overflow}
 * @param maxModels distinct model labels kept, then {@code overflow}
 * @param maxRequestBytes the largest inference request body accepted (413 above it); other requests
 *     stream through unbounded
 * @param upstreamTimeout how long the server may stay silent (no header, no byte) before the
 *     request fails with 504, or is cut if it had begun answering
 * @param connectTimeout how long connecting to the server may take
 * @param maxConnections the most connections open to the server at once
 */
public record ProxySettings(
    URI upstream,
    Optional<String> tenantHeader,
    TenantMap tenantMap,
    int maxTenants,
    int maxModels,
    long maxRequestBytes,
    Duration upstreamTimeout,
    Duration connectTimeout,
    int maxConnections) {

  public static final int DEFAULT_MAX_TENANTS = 100;
  public static final int DEFAULT_MAX_MODELS = 20;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L << 20;
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  public ProxySettings {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(tenantHeader, "tenantHeader");
    Objects.requireNonNull(tenantMap, "tenantMap");
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (!"http".equals(upstream.getScheme()) && !"https".equals(upstream.getScheme())) {
      throw new IllegalArgumentException("the upstream must be an http(s) URL, got " + upstream);
    }
    if (maxTenants < 1 || maxModels < 1 || maxRequestBytes < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("proxy limits must be >= 1");
    }
    if (upstreamTimeout.isNegative() || upstreamTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("proxy timeouts must be > 0");
    }
  }

  /** Every default, in front of {@code upstream}. */
  public static ProxySettings defaults(URI upstream) {
    return new ProxySettings(
        upstream,
        Optional.empty(),
        TenantMap.EMPTY,
        DEFAULT_MAX_TENANTS,
        DEFAULT_MAX_MODELS,
        DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_UPSTREAM_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS);
  }

  /** The same settings in front of another server. */
  public ProxySettings withUpstream(URI other) {
    return new ProxySettings(
        other,
        tenantHeader,
        tenantMap,
        maxTenants,
        maxModels,
        maxRequestBytes,
        upstreamTimeout,
        connectTimeout,
        maxConnections);
  }
}
