package io.tokenjoule.proxy;

import io.tokenjoule.config.TenantMap;
import io.vertx.core.MultiMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the tenant of a request, in this order: the configured header (for example {@code X-Tenant}
 * or {@code OpenAI-Project}) when it holds a valid name; the tenant the mapping file gives the API
 * key; the hashed API key ({@link ApiKeyHash#label}); else {@value #UNKNOWN}. Names from the header
 * and hashed keys share a {@link LabelBudget}; mapped names are always kept, since the file bounds
 * them. The API key is read from {@code Authorization: Bearer}, or {@code api-key} (Azure's
 * header). Thread-safe.
 */
public final class TenantResolver {

  /** The tenant of requests that carry no key and no tenant header. */
  public static final String UNKNOWN = "unknown";

  /** What a tenant name from a header may look like; anything else is ignored. */
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}");

  private static final String BEARER = "bearer ";

  private final Optional<String> header;
  private final TenantMap map;
  private final LabelBudget budget;

  /**
   * @param header the header that names the tenant, if any
   */
  public TenantResolver(Optional<String> header, TenantMap map, LabelBudget budget) {
    this.header = header;
    this.map = map;
    this.budget = budget;
  }

  public String tenant(MultiMap headers) {
    if (header.isPresent()) {
      String named = headers.get(header.get());
      if (named != null && VALID_NAME.matcher(named.strip()).matches()) {
        return budget.admit(named.strip());
      }
    }
    String key = apiKey(headers);
    if (key == null) {
      return UNKNOWN;
    }
    String hash = ApiKeyHash.sha256Hex(key);
    Optional<String> mapped = map.tenantOfKeyHash(hash);
    if (mapped.isPresent()) {
      return mapped.get();
    }
    return budget.admit(ApiKeyHash.labelOfHash(hash));
  }

  public LabelBudget budget() {
    return budget;
  }

  private static String apiKey(MultiMap headers) {
    String authorization = headers.get("Authorization");
    if (authorization != null
        && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String key = authorization.substring(BEARER.length()).strip();
      return key.isEmpty() ? null : key;
    }
    String azure = headers.get("api-key");
    return azure == null || azure.isBlank() ? null : azure.strip();
  }
}
