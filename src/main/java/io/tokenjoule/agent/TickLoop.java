package io.tokenjoule.agent;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.tokenjoule.account.Accountant;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.export.AgentMeters;
import io.tokenjoule.export.MetricsPublisher;
import io.tokenjoule.logging.RepeatLimiter;
import io.tokenjoule.scrape.HttpScraper;
import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilization;
import io.tokenjoule.source.ProcessUtilizationSource;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's heartbeat. Each tick sends every scrape, reads every GPU while the scrapes are in
 * flight (so energy and token readings land close together in time), waits for the scrapes, then
 * accounts and publishes. One thread runs ticks; a tick that fails, whatever it throws, is logged
 * (once per cause and minute, with a count of repeats), and the next one runs as usual. A tick that
 * would start while the previous one is still late is skipped and counted as an overrun, rather
 * than run back to back.
 */
public final class TickLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

  private final GpuEnergySource gpuSource;
  private final ProcessUtilizationSource processes;
  private final List<ScrapeTarget> targets;
  private final HttpScraper scraper;
  private final Accountant accountant;
  private final Valuation valuation;
  private final RegressionTracker regressions;
  private final MetricsPublisher publisher;
  private final AgentMeters meters;
  private final MonotonicClock clock;
  private final Duration tick;
  private final Duration scrapeWait;
  private final Map<String, LocalServer.Feed> localServers;
  private final ScrapeHealthLog healthLog = new ScrapeHealthLog();
  private final RepeatLimiter tickFailures = new RepeatLimiter(ScrapeHealthLog.INTERVAL);
  private final AtomicReference<AccountingSnapshot> latest = new AtomicReference<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "tokenjoule-tick");
            thread.setDaemon(true);
            return thread;
          });
  private double lastStart = Double.NEGATIVE_INFINITY;

  TickLoop(
      GpuEnergySource gpuSource,
      List<ScrapeTarget> targets,
      HttpScraper scraper,
      Accountant accountant,
      Valuation valuation,
      RegressionTracker regressions,
      MetricsPublisher publisher,
      AgentMeters meters,
      MonotonicClock clock,
      Duration tick,
      Duration scrapeTimeout,
      Map<String, LocalServer.Feed> localServers) {
    this.gpuSource = gpuSource;
    this.processes =
        accountant.usesProcessUtilization()
            ? gpuSource.processUtilization()
            : ProcessUtilizationSource.NONE;
    this.targets = List.copyOf(targets);
    this.scraper = scraper;
    this.accountant = accountant;
    this.valuation = valuation;
    this.regressions = regressions;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
    this.tick = tick;
    this.scrapeWait = scrapeTimeout.plusSeconds(1);
    this.localServers = new LinkedHashMap<>(localServers);
  }

  /** Starts ticking now and every tick after. */
  public void start() {
    executor.scheduleAtFixedRate(this::scheduledTick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The last accounted tick, or null before the first one completed. */
  public AccountingSnapshot latest() {
    return latest.get();
  }

  private void scheduledTick() {
    double now = clock.nowSeconds();
    if (now - lastStart < tick.toNanos() / 2e9) {
      meters.recordOverrun();
      return;
    }
    lastStart = now;
    try {
      runTick();
    } catch (Throwable e) { // an Error escaping would cancel every later tick, silently
      long repeats = tickFailures.admit(e.getClass().getName());
      if (repeats == 0) {
        LOG.error("tick failed; the next tick runs as usual", e);
      } else if (repeats > 0) {
        LOG.error(
            "tick failed again, {} more times since the last line: {}", repeats, e.toString());
      }
    }
  }

  /** Runs one tick on the calling thread and returns what it accounted. */
  AccountingSnapshot runTick() {
    long started = System.nanoTime();
    List<Future<ScrapeOutcome>> inFlight = new ArrayList<>(targets.size());
    for (ScrapeTarget target : targets) {
      inFlight.add(scraper.scrape(target));
    }
    List<GpuReading> gpus = gpuSource.read();
    Map<String, ProcessUtilization> utilization = processes.read();
    Map<String, ScrapeOutcome> outcomes = awaitScrapes(inFlight);
    Map<String, ServerReading> readings = new LinkedHashMap<>();
    outcomes.forEach(
        (server, outcome) -> {
          if (outcome instanceof ScrapeOutcome.Success success) {
            readings.put(server, success.reading());
          }
        });
    readLocalServers(readings);
    AccountingSnapshot snapshot = accountant.tick(clock.nowSeconds(), gpus, readings, utilization);
    EconomicsSnapshot economics = valuation.value(snapshot);
    publisher.publish(snapshot, economics, regressions.track(snapshot), outcomes);
    for (LocalServer.Feed local : localServers.values()) {
      local.accounted(snapshot, economics);
    }
    latest.set(snapshot);
    WindowTrace.log(snapshot, System.currentTimeMillis() / 1e3 - clock.nowSeconds());
    healthLog.observe(outcomes);
    meters.recordTick(Duration.ofNanos(System.nanoTime() - started));
    return snapshot;
  }

  /** Reads the in-process servers' counters, stamped now, after the GPUs like a scrape. */
  private void readLocalServers(Map<String, ServerReading> readings) {
    localServers.forEach(
        (name, local) -> {
          ServerReading reading = local.read(clock.nowSeconds());
          if (reading != null) {
            readings.put(name, reading);
          }
        });
  }

  private Map<String, ScrapeOutcome> awaitScrapes(List<Future<ScrapeOutcome>> inFlight) {
    Map<String, ScrapeOutcome> outcomes = new LinkedHashMap<>();
    long deadline = System.nanoTime() + scrapeWait.toNanos();
    for (int i = 0; i < targets.size(); i++) {
      ScrapeTarget target = targets.get(i);
      CompletableFuture<ScrapeOutcome> pending =
          inFlight.get(i).toCompletionStage().toCompletableFuture();
      ScrapeOutcome outcome;
      try {
        outcome = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = new ScrapeOutcome.Failure(ScrapeError.TIMEOUT, target.url() + ": interrupted", 0);
      } catch (Exception e) {
        outcome =
            new ScrapeOutcome.Failure(
                ScrapeError.TIMEOUT,
                target.url() + ": no answer within " + scrapeWait.toMillis() + " ms",
                Seconds.of(scrapeWait));
      }
      outcomes.put(target.server(), outcome);
    }
    return outcomes;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("tick thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
