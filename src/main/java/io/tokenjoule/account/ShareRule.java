package io.tokenjoule.account;

import io.tokenjoule.source.ProcessUtilization;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Decides how one GPU's energy over one tick is split among the servers on it, by the rules of
 * {@link AttributionMethod}. Pure and stateless.
 *
 * <p>MIG: NVML measures energy only per physical GPU, and servers on MIG instances of one GPU are
 * configured on that physical GPU, so they are split by these same rules. NVML gives no per-process
 * utilisation on a GPU in MIG mode, so instances are split by tokens while any flow and evenly
 * otherwise: an instance's size, and the static power of a large idle instance next to a busy small
 * one, are not weighed.
 */
final class ShareRule {

  /**
   * What is known about one server on the GPU this tick.
   *
   * @param pids its process ids; empty when unknown
   * @param tokenRate its prompt plus generated tokens per second over its latest scrape interval,
   *     {@code >= 0}
   */
  record Claim(Set<Long> pids, double tokenRate) {}

  /**
   * @param method how the shares were decided
   * @param shares one per claim, in claim order, each in [0, 1]; they add up to 1 except under
   *     {@link AttributionMethod#SM_UTILIZATION}, where the rest belongs to no server
   */
  record Split(AttributionMethod method, double[] shares) {}

  private ShareRule() {}

  /**
   * @param claims the servers on the GPU, at least one
   * @param utilization the GPU's per-process utilisation this tick, or null when unavailable
   */
  static Split split(List<Claim> claims, ProcessUtilization utilization) {
    int n = claims.size();
    double[] shares = new double[n];
    if (n == 1) {
      shares[0] = 1;
      return new Split(AttributionMethod.EXCLUSIVE, shares);
    }
    if (utilization != null && everyPidKnown(claims)) {
      double total = utilization.totalSmRatio();
      double claimed = 0;
      for (int i = 0; i < n; i++) {
        shares[i] = utilization.smRatioOf(claims.get(i).pids());
        claimed += shares[i];
      }
      if (claimed > 0) {
        for (int i = 0; i < n; i++) {
          shares[i] /= total;
        }
        return new Split(AttributionMethod.SM_UTILIZATION, shares);
      }
    }
    double tokens = 0;
    for (Claim claim : claims) {
      tokens += claim.tokenRate();
    }
    if (tokens > 0) {
      for (int i = 0; i < n; i++) {
        shares[i] = claims.get(i).tokenRate() / tokens;
      }
      return new Split(AttributionMethod.TOKEN_SHARE, shares);
    }
    Arrays.fill(shares, 1.0 / n);
    return new Split(AttributionMethod.IDLE_EVEN, shares);
  }

  /**
   * The shares another plausible rule would have given, for the error bound: by tokens where the
   * split went by SM utilisation (evenly when no tokens flowed), evenly where it went by tokens;
   * the split's own shares where it was exclusive or even, as nothing else is known then.
   */
  static double[] alternative(List<Claim> claims, Split split) {
    int n = claims.size();
    double[] even = new double[n];
    Arrays.fill(even, 1.0 / n);
    return switch (split.method()) {
      case SM_UTILIZATION -> {
        double tokens = 0;
        for (Claim claim : claims) {
          tokens += claim.tokenRate();
        }
        if (!(tokens > 0)) {
          yield even;
        }
        double[] byTokens = new double[n];
        for (int i = 0; i < n; i++) {
          byTokens[i] = claims.get(i).tokenRate() / tokens;
        }
        yield byTokens;
      }
      case TOKEN_SHARE -> even;
      default -> split.shares().clone();
    };
  }

  private static boolean everyPidKnown(List<Claim> claims) {
    for (Claim claim : claims) {
      if (claim.pids().isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
