package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tokenjoule.config.TenantMap;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

  private final TenantResolver resolver =
      new TenantResolver(
          Optional.of("X-Tenant"),
          new TenantMap(Map.of(ApiKeyHash.sha256Hex("sk-search"), "team-search")),
          new LabelBudget(2));

  private static MultiMap headers(String... pairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.add(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  @Test
  void theHeaderNamesTheTenantFirst() {
    assertEquals(
        "billing", resolver.tenant(headers("x-tenant", "billing", "Authorization", "Bearer sk-1")));
  }

  @Test
  void theMappingNamesAKeyAndIsNotBoundByTheBudget() {
    resolver.tenant(headers("X-Tenant", "a"));
    resolver.tenant(headers("X-Tenant", "b"));
    assertEquals("team-search", resolver.tenant(headers("Authorization", "Bearer sk-search")));
  }

  @Test
  void anUnmappedKeyIsItsHashNeverTheKey() {
    String tenant = resolver.tenant(headers("Authorization", "bearer sk-secret-123"));
    assertEquals("key-" + ApiKeyHash.sha256Hex("sk-secret-123").substring(0, 16), tenant);
    assertFalse(tenant.contains("secret"));
    assertEquals(tenant, resolver.tenant(headers("api-key", "sk-secret-123")), "Azure's header");
  }

  @Test
  void noKeyAndNoHeaderIsUnknown() {
    assertEquals("unknown", resolver.tenant(headers()));
    assertEquals("unknown", resolver.tenant(headers("Authorization", "Basic abc")));
  }

  @Test
  void anInvalidHeaderValueIsIgnored() {
    assertEquals("unknown", resolver.tenant(headers("X-Tenant", "bad value with spaces")));
    assertEquals("unknown", resolver.tenant(headers("X-Tenant", "x".repeat(65))));
  }

  @Test
  void newTenantsPastTheBudgetOverflowAndAreCounted() {
    assertEquals("a", resolver.tenant(headers("X-Tenant", "a")));
    assertEquals("b", resolver.tenant(headers("X-Tenant", "b")));
    assertEquals("overflow", resolver.tenant(headers("X-Tenant", "c")));
    assertEquals("overflow", resolver.tenant(headers("Authorization", "Bearer sk-new")));
    assertEquals("a", resolver.tenant(headers("X-Tenant", "a")), "known ones stay");
    assertEquals(2, resolver.budget().overflowed());
  }
}
