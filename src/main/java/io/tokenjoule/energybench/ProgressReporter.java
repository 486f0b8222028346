package io.tokenjoule.energybench;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a level's progress: requests done, generated tokens per second, watts and ETA. On a
 * terminal one line is redrawn every second; otherwise a plain line is logged every {@code
 * logPeriodSeconds}, so CI logs stay readable. Thread-safe.
 */
public final class ProgressReporter implements AutoCloseable {

  private final PrintWriter out;
  private final boolean terminal;
  private final MonotonicClock clock;
  private final EnergyTimeline timeline;
  private final ScheduledExecutorService thread;
  private final long periodMillis;
  private String label = "";
  private int total;
  private int done;
  private int failed;
  private double generatedTokens;
  private double levelStart;

  public ProgressReporter(
      PrintWriter out,
      boolean terminal,
      MonotonicClock clock,
      EnergyTimeline timeline,
      double logPeriodSeconds) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
    this.timeline = timeline;
    this.periodMillis = terminal ? 1000 : Seconds.toMillisAtLeastOne(logPeriodSeconds);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "tokenjoule-bench-progress");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleAtFixedRate(this::print, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** A new level begins. */
  public synchronized void level(int concurrency, int requests) {
    finishLine();
    label = "concurrency " + concurrency;
    total = requests;
    done = 0;
    failed = 0;
    generatedTokens = 0;
    levelStart = clock.nowSeconds();
  }

  /** One request finished. */
  public synchronized void finished(RequestOutcome outcome) {
    done++;
    if (!outcome.succeeded()) {
      failed++;
    }
    generatedTokens += outcome.completionTokens();
  }

  private synchronized void print() {
    if (total == 0) {
      return;
    }
    double elapsed = clock.nowSeconds() - levelStart;
    double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
    String line =
        String.format(
            Locale.ROOT,
            "%s: %d/%d requests (%d failed), %.1f tok/s, %.0f W, ETA %s",
            label,
            done,
            total,
            failed,
            elapsed > 0 ? generatedTokens / elapsed : 0.0,
            timeline.recentWatts(1.0),
            Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0fs", eta));
    if (terminal) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void finishLine() {
    if (terminal && total > 0) {
      out.println();
      out.flush();
    }
  }

  @Override
  public synchronized void close() {
    thread.shutdownNow();
    if (total > 0) {
      print();
      finishLine();
    }
  }
}
