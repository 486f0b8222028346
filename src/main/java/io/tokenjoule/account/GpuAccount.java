package io.tokenjoule.account;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;

/**
 * One GPU as accounted at the end of a tick.
 *
 * @param gpu which GPU
 * @param up whether this tick's reading succeeded
 * @param downReason the reason of the failed reading, or null while up
 * @param energyMethod how its energy is measured; null until it was read once
 * @param energyJoulesTotal reset-corrected energy counter: the first raw value seen plus every
 *     increase since; NaN until it was read once. Never decreases.
 * @param powerWatts ΔE/Δt over the last interval; NaN when there is no valid interval (first
 *     reading, down, or counter reset)
 * @param sampledPowerWatts the device's own power reading this tick, NaN if none or down
 * @param gauges this tick's gauges, {@link GpuGauges#UNKNOWN} while down
 * @param counterResets how many times the raw energy counter went backwards
 * @param unattributedJoulesTotal the part of the energy increases since the first reading that no
 *     server was charged with: all of it for a GPU no server runs on, and on a shared GPU split by
 *     SM utilisation the share of processes of no server (J); NaN until it was read once. The
 *     energy attributed to all servers from this GPU plus this equals {@code energyJoulesTotal}
 *     minus its first reading, up to floating-point rounding.
 * @param powerDiscrepancyRatio the energy counter's increase over the window against the sampled
 *     power integrated over it, {@code (counter − integrated) / integrated}; NaN while not
 *     measurable (no counter, no sampled power, less than half a window of readings)
 */
public record GpuAccount(
    GpuIdentity gpu,
    boolean up,
    String downReason,
    EnergyMethod energyMethod,
    double energyJoulesTotal,
    double powerWatts,
    double sampledPowerWatts,
    GpuGauges gauges,
    long counterResets,
    double unattributedJoulesTotal,
    double powerDiscrepancyRatio) {

  /** A GPU whose discrepancy is not measured. */
  public GpuAccount(
      GpuIdentity gpu,
      boolean up,
      String downReason,
      EnergyMethod energyMethod,
      double energyJoulesTotal,
      double powerWatts,
      double sampledPowerWatts,
      GpuGauges gauges,
      long counterResets,
      double unattributedJoulesTotal) {
    this(
        gpu,
        up,
        downReason,
        energyMethod,
        energyJoulesTotal,
        powerWatts,
        sampledPowerWatts,
        gauges,
        counterResets,
        unattributedJoulesTotal,
        Double.NaN);
  }

  /** A GPU whose energy was all attributed to servers. */
  public GpuAccount(
      GpuIdentity gpu,
      boolean up,
      String downReason,
      EnergyMethod energyMethod,
      double energyJoulesTotal,
      double powerWatts,
      double sampledPowerWatts,
      GpuGauges gauges,
      long counterResets) {
    this(
        gpu,
        up,
        downReason,
        energyMethod,
        energyJoulesTotal,
        powerWatts,
        sampledPowerWatts,
        gauges,
        counterResets,
        Double.isNaN(energyJoulesTotal) ? Double.NaN : 0);
  }
}
