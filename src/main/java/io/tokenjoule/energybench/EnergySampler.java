package io.tokenjoule.energybench;

import io.tokenjoule.Seconds;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads an {@link EnergyMeter} at a fixed period on its own thread into an {@link EnergyTimeline}.
 * A failed read is counted and skipped (the timeline interpolates over the gap); the run decides
 * whether the samples it has are enough.
 */
public final class EnergySampler implements AutoCloseable {

  private final EnergyMeter meter;
  private final EnergyTimeline timeline;
  private final long periodMillis;
  private final ScheduledExecutorService thread;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();

  public EnergySampler(EnergyMeter meter, EnergyTimeline timeline, double periodSeconds) {
    if (!(periodSeconds > 0)) {
      throw new IllegalArgumentException("the sample period must be > 0 s, got " + periodSeconds);
    }
    this.meter = meter;
    this.timeline = timeline;
    this.periodMillis = Seconds.toMillisAtLeastOne(periodSeconds);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "tokenjoule-bench-energy");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts sampling now, then every period. */
  public void start() {
    thread.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Takes one more sample as soon as the sampler's thread is free, without waiting for it. */
  public void sampleSoon() {
    if (!thread.isShutdown()) {
      thread.execute(this::sample);
    }
  }

  /** Takes one sample now, on the sampler's thread, and waits for it. */
  public void sampleNow() {
    try {
      thread.submit(this::sample).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("energy sample failed", e.getCause());
    }
  }

  private void sample() {
    try {
      timeline.add(meter.read());
    } catch (EnergyMeter.EnergyReadException | RuntimeException e) {
      failures.incrementAndGet();
      lastFailure.set(e.getMessage());
    }
  }

  public int failures() {
    return failures.get();
  }

  /** The reason of the latest failed read, or null. */
  public String lastFailure() {
    return lastFailure.get();
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
