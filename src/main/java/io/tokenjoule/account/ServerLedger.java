package io.tokenjoule.account;

import io.tokenjoule.account.split.FitSettings;
import io.tokenjoule.account.split.PrefillDecodeFit;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.scrape.TokenCounting;
import io.tokenjoule.source.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The running account of one server: energy attributed from its GPUs, reset-corrected counters per
 * model, its last anchor and its window of intervals. Not thread-safe.
 *
 * <p>Each tick runs in three steps: {@link #observe} the scrape (tokens and token rate), {@link
 * #charge} each GPU's share as the {@link Accountant} decided it, then {@link #settle} (anchor and
 * window).
 *
 * <p>Time alignment with shares that change every tick: the energy at an anchor is, per GPU, the
 * joules charged so far plus this tick's share of the GPU's energy between its reading and the
 * server reading's instant (interpolated along the GPU's last power, a few milliseconds either
 * way). With a constant share this is the share times the interpolated GPU total, as before;
 * between two anchors it adds up the ticks' shares of the increases in between, and the boundary
 * pieces telescope, so energy and tokens still cover the same span.
 */
final class ServerLedger {

  /** How many of its scrape intervals a server's token rate outlives its last scrape. */
  static final int RATE_HOLD_INTERVALS = 5;

  private final ServerSpec spec;
  private final GpuLedger[] gpus;
  private final double[] shares;
  private final double[] chargedJoules;
  private final double[] joulesByMethod = new double[AttributionMethod.values().length];
  private final IntervalWindow window;
  private final IdleTracker idle;
  private final CounterLag counterLag;
  private final PrefillDecodeFit split = new PrefillDecodeFit(FitSettings.defaults());
  private final double gpuShare;
  private final TreeMap<String, ModelLedger> models = new TreeMap<>();

  private double energyJoulesTotal;
  private double attributionSpreadJoules;
  private boolean up;
  private long failedScrapes;
  private double runningRequests = Double.NaN;
  private boolean readingSimulated;
  private Anchor lastAnchor;
  private long anchors;
  private double tokenTimeSeconds = Double.NaN;
  private double tokenIntervalSeconds = Double.NaN;
  private double tokenRate;

  /**
   * @param gpus the ledgers of the GPUs the server runs on
   * @param hardwareShares for each of {@code gpus}, the fraction of the hardware this server holds
   *     (1/k on a GPU k servers share): its {@code gpuShare}, and its share of each GPU's energy
   *     until the first {@link #charge}
   */
  ServerLedger(ServerSpec spec, GpuLedger[] gpus, double[] hardwareShares, double windowSeconds) {
    this.spec = spec;
    this.gpus = gpus;
    this.shares = hardwareShares.clone();
    this.chargedJoules = new double[gpus.length];
    this.window = new IntervalWindow(windowSeconds);
    this.idle = new IdleTracker(windowSeconds);
    this.counterLag = new CounterLag(windowSeconds);
    double share = 0;
    for (double s : hardwareShares) {
      share += s;
    }
    this.gpuShare = share;
  }

  String name() {
    return spec.name();
  }

  ServerSpec spec() {
    return spec;
  }

  /**
   * Takes this tick's scrape, first in the tick.
   *
   * @param reading this tick's scrape, or null when it failed
   */
  void observe(ServerReading reading) {
    up = reading != null;
    if (reading == null) {
      failedScrapes++;
      return;
    }
    double added = 0;
    EngineCounters counters = reading.counters();
    for (ModelCounters model : counters.models()) {
      added += models.computeIfAbsent(model.model(), ModelLedger::new).observe(model);
    }
    runningRequests = counters.runningRequests();
    readingSimulated = counters.simulated();
    double time = reading.timestampSeconds();
    if (Double.isNaN(tokenTimeSeconds)) {
      tokenTimeSeconds = time;
    } else if (time > tokenTimeSeconds) {
      tokenIntervalSeconds = time - tokenTimeSeconds;
      tokenRate = added / tokenIntervalSeconds;
      tokenTimeSeconds = time;
    }
  }

  /**
   * Prompt plus generated tokens per second between its last two scrapes with different times; 0
   * before it has two. Failed scrapes keep the last rate for up to {@value #RATE_HOLD_INTERVALS} of
   * its scrape intervals, so the server keeps its token share of a shared GPU through a short gap
   * rather than losing it and catching up in one tick; after that it counts as producing nothing (a
   * server that is down).
   *
   * @param nowSeconds the tick time
   */
  double tokenRate(double nowSeconds) {
    if (nowSeconds - tokenTimeSeconds > RATE_HOLD_INTERVALS * tokenIntervalSeconds) {
      return 0;
    }
    return tokenRate;
  }

  /**
   * Charges this server with {@code joules} of its GPU at {@code slot} for this tick, which are
   * {@code share} of that GPU's increase.
   *
   * @param spreadJoules how far another plausible split would have moved this charge (J, for the
   *     error bound; 0 for a GPU of its own)
   */
  void charge(
      int slot, AttributionMethod method, double share, double joules, double spreadJoules) {
    attributionSpreadJoules += spreadJoules;
    shares[slot] = share;
    chargedJoules[slot] += joules;
    joulesByMethod[method.ordinal()] += joules;
    energyJoulesTotal += joules;
  }

  /**
   * Ends this tick, after every GPU charged it: anchors at the scrape if it can, and moves the
   * window.
   *
   * @param reading this tick's scrape, or null when it failed
   * @param nowSeconds the tick time, for the window
   */
  void settle(ServerReading reading, double nowSeconds) {
    if (reading != null && canAnchorAt(reading)) {
      anchorAt(reading);
    }
    window.evict(nowSeconds);
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
    double powerWatts = 0;
    for (int i = 0; i < gpus.length; i++) {
      GpuLedger gpu = gpus[i];
      energyAtServerTime += chargedJoules[i] + shares[i] * gpu.offsetAt(serverTime);
      powerWatts += shares[i] * gpu.powerWatts();
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
    double computedPrompt = 0;
    double generated = 0;
    double requests = 0;
    long counterResets = 0;
    for (ModelLedger model : models.values()) {
      prompt += model.promptTokens();
      computedPrompt += model.computedPromptTokens();
      generated += model.generatedTokens();
      requests += model.requests();
      counterResets += model.counterResets();
    }
    Anchor anchor =
        new Anchor(
            anchors++,
            serverTime,
            energyAtServerTime,
            powerWatts,
            attributionSpreadJoules,
            prompt,
            computedPrompt,
            generated,
            requests,
            reading.counters().runningRequests(),
            misalignment,
            updatePeriod,
            reading.counters().tokenResolution(),
            0,
            0,
            false,
            gpuResets,
            counterResets,
            failedScrapes,
            models.size());
    if (lastAnchor != null) {
      Interval interval = new Interval(lastAnchor, anchor);
      // A restart's increase is no lump of the server's counting: it says nothing of the lag.
      if (interval.valid() && !interval.bridgesCounterRestart()) {
        counterLag.add(interval);
      } else {
        counterLag.forget();
      }
    }
    anchor = withLearntLags(anchor, reading.counters().counting());
    if (lastAnchor != null) {
      Interval interval = new Interval(lastAnchor, anchor);
      if (interval.valid()) {
        window.add(interval);
        idle.add(interval);
        split.add(
            interval.durationSeconds(),
            interval.computedPromptTokens(),
            interval.generatedTokens(),
            interval.energyJoules());
      }
    }
    lastAnchor = anchor;
  }

  /**
   * The anchor with its counters' lag: none with no request running (every token made has been
   * counted), else what {@link CounterLag} has learnt.
   */
  private Anchor withLearntLags(Anchor anchor, TokenCounting counting) {
    if (anchor.runningRequests() == 0) {
      return anchor;
    }
    boolean everyStep = counting == TokenCounting.EVERY_STEP;
    return anchor.withLags(
        counterLag.generatedTokens(everyStep, anchor.runningRequests()),
        counterLag.allTokens(everyStep, anchor.runningRequests()),
        counterLag.overdue());
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
        window.stats(),
        new AttributedEnergy(
            joulesByMethod[AttributionMethod.EXCLUSIVE.ordinal()],
            joulesByMethod[AttributionMethod.SM_UTILIZATION.ordinal()],
            joulesByMethod[AttributionMethod.TOKEN_SHARE.ordinal()],
            joulesByMethod[AttributionMethod.IDLE_EVEN.ordinal()],
            joulesByMethod[AttributionMethod.HOST.ordinal()]));
  }
}
