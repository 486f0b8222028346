package io.tokenjoule.account;

import io.tokenjoule.account.split.SplitEstimate;
import java.util.List;

/**
 * One server as accounted at the end of a tick.
 *
 * @param name the {@code server} label
 * @param engine the {@code engine} label
 * @param simulated whether its pages or its GPUs are simulated
 * @param up whether this tick's scrape succeeded
 * @param models reset-corrected counters per model, sorted by model; models never disappear once
 *     seen
 * @param energyJoulesTotal GPU energy attributed to this server since the agent started (GPUs
 *     shared by several servers are split evenly); counts while the scrape is down too, since the
 *     GPUs still burn it
 * @param runningRequests requests running at the last successful scrape, NaN if unknown
 * @param gpuShare how many GPUs' worth of hardware the server holds: the sum of its shares of its
 *     GPUs (a server alone on two GPUs holds 2; two servers sharing one GPU hold 0.5 each)
 * @param idle what the server's GPUs drew while it had nothing to do
 * @param split its energy split into prefill, decode and static power, fitted over its intervals
 * @param window the sliding-window figures
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
    WindowStats window) {
  public ServerAccount {
    models = List.copyOf(models);
  }
}
