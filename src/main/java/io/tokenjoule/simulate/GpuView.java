package io.tokenjoule.simulate;

import io.tokenjoule.source.GpuIdentity;

/**
 * A simulated GPU as a driver would show it at one instant.
 *
 * @param counterJoules the energy counter as exposed (moves every 100 ms, whole mJ)
 * @param watts the power drawn now
 */
public record GpuView(
    GpuIdentity identity,
    PowerModel power,
    boolean lost,
    double counterJoules,
    double watts,
    double load) {}
