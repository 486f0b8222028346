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
    long counterResets) {}
