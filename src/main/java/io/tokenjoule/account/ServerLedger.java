package io.tokenjoule.account;

import io.tokenjoule.account.split.FitSettings;
import io.tokenjoule.account.split.PrefillDecodeFit;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The running account of one server: energy attributed from its GPUs, reset-corrected counters per
 * model, its last anchor and its window of intervals. Not thread-safe.
 */
final class ServerLedger {

  private final ServerSpec spec;
  private final GpuLedger[] gpus;
  private final double[] shares;
  private final IntervalWindow window;
  private final IdleTracker idle;
  private final PrefillDecodeFit split = new PrefillDecodeFit(FitSettings.defaults());
  private final double gpuShare;
  private final TreeMap<String, ModelLedger> models = new TreeMap<>();

  private double energyJoulesTotal;
  private boolean up;
  private double runningRequests = Double.NaN;
  private boolean readingSimulated;
  private Anchor lastAnchor;
  private long anchors;

  /**
   * @param gpus the ledgers of the GPUs the server runs on
   * @param shares for each of {@code gpus}, the fraction of its energy charged to this server
   */
  ServerLedger(ServerSpec spec, GpuLedger[] gpus, double[] shares, double windowSeconds) {
    this.spec = spec;
    this.gpus = gpus;
    this.shares = shares;
    this.window = new IntervalWindow(windowSeconds);
    this.idle = new IdleTracker(windowSeconds);
    double share = 0;
    for (double s : shares) {
      share += s;
    }
    this.gpuShare = share;
  }

  String name() {
    return spec.name();
  }

  /**
   * Takes this tick, after every GPU ledger took its reading.
   *
   * @param reading this tick's scrape, or null when it failed
   * @param nowSeconds the tick time, for the window
   */
  void tick(ServerReading reading, double nowSeconds) {
    for (int i = 0; i < gpus.length; i++) {
      energyJoulesTotal += shares[i] * gpus[i].increaseJoules();
    }
    up = reading != null;
    if (reading != null) {
      observe(reading.counters());
      if (canAnchorAt(reading)) {
        anchorAt(reading);
      }
    }
    window.evict(nowSeconds);
  }

  private void observe(EngineCounters counters) {
    for (ModelCounters model : counters.models()) {
      models.computeIfAbsent(model.model(), ModelLedger::new).observe(model);
    }
    runningRequests = counters.runningRequests();
    readingSimulated = counters.simulated();
  }

  /**
   * An anchor needs every GPU read this tick with a known power (so its energy can be moved to the
   * server reading's instant), and a reading newer than the last anchor's (a reused reading would
   * pair old tokens with new energy).
   */
  private boolean canAnchorAt(ServerReading reading) {
    for (GpuLedger gpu : gpus) {
      if (Double.isNaN(gpu.energyAt(reading.timestampSeconds()))) {
        return false;
      }
    }
    return lastAnchor == null || reading.timestampSeconds() > lastAnchor.timestampSeconds();
  }

  private void anchorAt(ServerReading reading) {
    double serverTime = reading.timestampSeconds();
    double misalignment = 0;
    double updatePeriod = 0;
    long gpuResets = 0;
    double energyAtServerTime = 0;
    for (int i = 0; i < gpus.length; i++) {
      GpuLedger gpu = gpus[i];
      energyAtServerTime += shares[i] * gpu.energyAt(serverTime);
      GpuReading.Up read = gpu.lastUp();
      misalignment =
          Math.max(
              misalignment,
              Math.abs(read.timestampSeconds() - serverTime)
                  + reading.timeUncertaintySeconds()
                  + read.timeUncertaintySeconds());
      updatePeriod = Math.max(updatePeriod, read.energyUpdatePeriodSeconds());
      gpuResets += gpu.counterResets();
    }
    double prompt = 0;
    double generated = 0;
    double requests = 0;
    long counterResets = 0;
    for (ModelLedger model : models.values()) {
      prompt += model.promptTokens();
      generated += model.generatedTokens();
      requests += model.requests();
      counterResets += model.counterResets();
    }
    Anchor anchor =
        new Anchor(
            anchors++,
            serverTime,
            energyAtServerTime,
            prompt,
            generated,
            requests,
            reading.counters().runningRequests(),
            misalignment,
            updatePeriod,
            reading.counters().tokenResolution(),
            gpuResets,
            counterResets,
            models.size());
    if (lastAnchor != null) {
      Interval interval = new Interval(lastAnchor, anchor);
      if (interval.valid()) {
        window.add(interval);
        idle.add(interval);
        split.add(
            interval.durationSeconds(),
            interval.promptTokens(),
            interval.generatedTokens(),
            interval.energyJoules());
      }
    }
    lastAnchor = anchor;
  }

  /**
   * @param simulatedGpus whether the GPUs are simulated
   */
  ServerAccount account(boolean simulatedGpus) {
    List<ModelAccount> modelAccounts = new ArrayList<>(models.size());
    for (ModelLedger model : models.values()) {
      modelAccounts.add(model.account());
    }
    return new ServerAccount(
        spec.name(),
        spec.engine(),
        simulatedGpus || readingSimulated,
        up,
        modelAccounts,
        energyJoulesTotal,
        runningRequests,
        gpuShare,
        idle.stats(),
        split.estimate(),
        window.stats());
  }
}
