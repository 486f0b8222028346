package io.tokenjoule.account.tenant;

import io.tokenjoule.account.split.SplitEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a server's energy between the tenants whose requests it served, tick by tick.
 *
 * <p>Tokens are counted when a request finishes, so a tick's energy is charged to the requests that
 * finished in it, in proportion to their weight: prompt plus generated tokens ({@link
 * TenantSplitMethod#TOKEN_SHARE}), or, once the server's prefill/decode split is published, prompt
 * tokens × J per prefill token plus generated tokens × J per decode token ({@link
 * TenantSplitMethod#PREFILL_DECODE}). Energy of a tick in which requests ran but none finished
 * waits for the next tick in which some do, so a long request is charged for its whole run. Energy
 * of a tick in which nothing ran and nothing finished is idle, charged to no tenant. So the
 * tenants' charges plus idle add up to the server's energy, less what waits.
 *
 * <p>Pure computation; not thread-safe (one tick thread).
 */
public final class TenantLedger {

  private Charge waiting = Charge.NONE;

  /**
   * @param charge what the server was charged this tick (energy increase, its cost and carbon)
   * @param busy whether any request ran during the tick or finished in it
   * @param finished the requests that finished in the tick
   * @param split the server's fitted prefill/decode split
   */
  public TenantTick settle(
      Charge charge, boolean busy, List<FinishedRequest> finished, SplitEstimate split) {
    TenantSplitMethod method = methodFor(split);
    waiting = waiting.plus(charge);
    double[] weights = new double[finished.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight(finished.get(i), method, split);
      total += weights[i];
    }
    if (!(total > 0)) {
      Charge idle = Charge.NONE;
      if (!busy) {
        idle = waiting;
        waiting = Charge.NONE;
      }
      return new TenantTick(List.of(), List.of(), idle, method);
    }
    Map<List<String>, Charge> byTenant = new LinkedHashMap<>();
    List<Charge> perRequest = new ArrayList<>(weights.length);
    for (int i = 0; i < weights.length; i++) {
      Charge part = waiting.times(weights[i] / total);
      perRequest.add(part);
      FinishedRequest request = finished.get(i);
      byTenant.merge(List.of(request.tenant(), request.model()), part, Charge::plus);
    }
    waiting = Charge.NONE;
    List<TenantShare> shares = new ArrayList<>(byTenant.size());
    byTenant.forEach((key, part) -> shares.add(new TenantShare(key.get(0), key.get(1), part)));
    return new TenantTick(shares, perRequest, Charge.NONE, method);
  }

  /** What waits for the next finished requests. */
  public Charge waiting() {
    return waiting;
  }

  private static TenantSplitMethod methodFor(SplitEstimate split) {
    return split.wellConditioned()
            && split.joulesPerPrefillToken() > 0
            && split.joulesPerDecodeToken() > 0
        ? TenantSplitMethod.PREFILL_DECODE
        : TenantSplitMethod.TOKEN_SHARE;
  }

  private static double weight(
      FinishedRequest request, TenantSplitMethod method, SplitEstimate split) {
    if (method == TenantSplitMethod.PREFILL_DECODE) {
      return request.promptTokens() * split.joulesPerPrefillToken()
          + request.generatedTokens() * split.joulesPerDecodeToken();
    }
    return request.promptTokens() + request.generatedTokens();
  }
}
