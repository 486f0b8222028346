package io.tokenjoule.account;

import io.tokenjoule.account.split.SplitEstimate;
import java.util.List;
import java.util.Objects;

/**
 * One server as accounted at the end of a tick.
 *
 * @param name the {@code server} label
 * @param engine the {@code engine} label
 * @param simulated whether its pages or its GPUs are simulated
 * @param up whether this tick's scrape succeeded
 * @param models reset-corrected counters per model, sorted by model; models never disappear once
 *     seen
 * @param energyJoulesTotal GPU energy attributed to this server since the agent started; a GPU
 *     shared by several servers is split tick by tick as {@link AttributionMethod} says. Counts
 *     while the scrape is down too, since the GPUs still burn it
 * @param runningRequests requests running at the last successful scrape, NaN if unknown
 * @param gpuShare how many GPUs' worth of hardware the server holds: the sum of its shares of its
 *     GPUs (a server alone on two GPUs holds 2; two servers sharing one GPU hold 0.5 each)
 * @param idle what the server's GPUs drew while it had nothing to do
 * @param split its energy split into prefill, decode and static power, fitted over its intervals
 * @param window the sliding-window figures
 * @param attributed {@code energyJoulesTotal} broken down by how it was attributed
 */
public record ServerAccount(
    String name,
    String engine,
    boolean simulated,
    boolean up,
    List<ModelAccount> models,
    double energyJoulesTotal,
    double runningRequests,
    double gpuShare,
    IdleStats idle,
    SplitEstimate split,
    WindowStats window,
    AttributedEnergy attributed) {
  public ServerAccount {
    models = List.copyOf(models);
    Objects.requireNonNull(attributed, "attributed");
  }

  /** A server whose energy was all attributed {@link AttributionMethod#EXCLUSIVE exclusively}. */
  public ServerAccount(
      String name,
      String engine,
      boolean simulated,
      boolean up,
      List<ModelAccount> models,
      double energyJoulesTotal,
      double runningRequests,
      double gpuShare,
      IdleStats idle,
      SplitEstimate split,
      WindowStats window) {
    this(
        name,
        engine,
        simulated,
        up,
        models,
        energyJoulesTotal,
        runningRequests,
        gpuShare,
        idle,
        split,
        window,
        new AttributedEnergy(energyJoulesTotal >= 0 ? energyJoulesTotal : 0, 0, 0, 0));
  }
}
