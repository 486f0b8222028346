package io.tokenjoule.account.baseline;

import java.util.Objects;

/**
 * One slot of one load bucket, as persisted: the sums of the samples that fell into it. The slot it
 * is filed under follows from its first sample's time and the slot length.
 *
 * @param bucket the load bucket
 * @param energyJoules the samples' energy, {@code > 0}
 * @param generatedTokens the samples' generated tokens, {@code > 0}
 * @param concurrencySeconds Σ mean concurrency × covered seconds over the samples, {@code >= 0}
 * @param coveredSeconds Σ covered seconds over the samples, {@code > 0}
 * @param samples how many samples, {@code >= 1}
 * @param firstSampleEpochSeconds when the first of them was taken
 * @param lastSampleEpochSeconds when the last of them was taken, not before the first
 */
public record SlotState(
    LoadBucket bucket,
    double energyJoules,
    double generatedTokens,
    double concurrencySeconds,
    double coveredSeconds,
    int samples,
    double firstSampleEpochSeconds,
    double lastSampleEpochSeconds) {

  /**
   * @throws IllegalArgumentException when a value is out of range, so a damaged state file is
   *     refused whole rather than poisoning a baseline
   */
  public SlotState {
    Objects.requireNonNull(bucket, "bucket");
    requirePositive("energy", energyJoules);
    requirePositive("generated tokens", generatedTokens);
    requirePositive("covered seconds", coveredSeconds);
    if (!(concurrencySeconds >= 0) || Double.isInfinite(concurrencySeconds)) {
      throw new IllegalArgumentException(
          "slot concurrency seconds must be finite and >= 0, got " + concurrencySeconds);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("a slot holds at least one sample, got " + samples);
    }
    requireFinite("first sample", firstSampleEpochSeconds);
    requireFinite("last sample", lastSampleEpochSeconds);
    if (lastSampleEpochSeconds < firstSampleEpochSeconds) {
      throw new IllegalArgumentException(
          "a slot's last sample ("
              + lastSampleEpochSeconds
              + ") is before its first ("
              + firstSampleEpochSeconds
              + ")");
    }
  }

  /** The slot's J per generated token, a ratio of sums. */
  public double joulesPerGeneratedToken() {
    return energyJoules / generatedTokens;
  }

  /** The slot's time-weighted mean concurrency. */
  public double meanConcurrency() {
    return concurrencySeconds / coveredSeconds;
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("slot " + name + " must be finite, got " + value);
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("slot " + name + " must be finite and > 0, got " + value);
    }
  }
}
