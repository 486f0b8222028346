package io.tokenjoule.account.tenant;

import java.util.List;
import java.util.Objects;

/**
 * One tick's split of a server's energy between tenants.
 *
 * @param shares per tenant and model, in the order they first appear among the requests
 * @param requestCharges what each finished request was charged, in the order given; empty when the
 *     energy waits for tokens
 * @param idle energy of ticks in which the server had nothing to do, charged to no tenant
 * @param method how the shares were weighed
 */
public record TenantTick(
    List<TenantShare> shares, List<Charge> requestCharges, Charge idle, TenantSplitMethod method) {
  public TenantTick {
    shares = List.copyOf(shares);
    requestCharges = List.copyOf(requestCharges);
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(method, "method");
  }
}
