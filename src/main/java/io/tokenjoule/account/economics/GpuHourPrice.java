package io.tokenjoule.account.economics;

import java.util.Currency;
import java.util.Objects;

/**
 * What renting the GPUs costs, whatever they draw: the floor under any price per token, because the
 * GPUs are paid for by the hour whether they serve or idle.
 *
 * @param perGpuHour price of one GPU for one hour, {@code >= 0}
 * @param gpusPerNode GPUs in one node, {@code >= 1}
 * @param currency the currency the price is in
 */
public record GpuHourPrice(double perGpuHour, int gpusPerNode, Currency currency) {

  public GpuHourPrice {
    Objects.requireNonNull(currency, "currency");
    if (!(perGpuHour >= 0) || Double.isInfinite(perGpuHour)) {
      throw new IllegalArgumentException(
          "GPU-hour price must be a finite number >= 0, got " + perGpuHour);
    }
    if (gpusPerNode < 1) {
      throw new IllegalArgumentException("GPUs per node must be >= 1, got " + gpusPerNode);
    }
  }

  /** What one node's GPUs cost for {@code seconds}. */
  public double nodeCost(double seconds) {
    return perGpuHour * gpusPerNode * seconds / 3600;
  }

  /** What one token costs in GPU time on a node that serves {@code tokensPerSecond}. */
  public double costPerToken(double tokensPerSecond) {
    return nodeCost(1) / tokensPerSecond;
  }
}
