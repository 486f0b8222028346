package io.tokenjoule.config;

import java.util.Map;
import java.util.Optional;

/**
 * Names tenants by API key: the SHA-256 of a key (lower-case hex, as {@code sha256sum} prints it)
 * to a tenant name. Immutable. The file it is read from holds hashes only, never keys.
 */
public record TenantMap(Map<String, String> tenantByKeySha256) {

  public static final TenantMap EMPTY = new TenantMap(Map.of());

  public TenantMap {
    tenantByKeySha256 = Map.copyOf(tenantByKeySha256);
  }

  public Optional<String> tenantOfKeyHash(String sha256Hex) {
    return Optional.ofNullable(tenantByKeySha256.get(sha256Hex));
  }
}
