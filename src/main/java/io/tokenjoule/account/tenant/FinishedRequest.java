package io.tokenjoule.account.tenant;

import java.util.Objects;

/** A request the server finished, with the tokens it counted (or that were estimated). */
public record FinishedRequest(
    String tenant, String model, long promptTokens, long generatedTokens) {
  public FinishedRequest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(model, "model");
    if (promptTokens < 0 || generatedTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
  }
}
