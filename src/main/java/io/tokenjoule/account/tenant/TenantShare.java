package io.tokenjoule.account.tenant;

import java.util.Objects;

/** What one tenant's requests of one model were charged in one tick. */
public record TenantShare(String tenant, String model, Charge charge) {
  public TenantShare {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(charge, "charge");
  }
}
