package io.tokenjoule.grid;

import io.tokenjoule.Seconds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live provider's value fresh: fetches when started and then every {@code refresh} on a
 * Vert.x periodic timer (skipping a turn while a fetch is still running), and serves the value to
 * any thread without blocking on I/O. Health changes are logged once each (see {@link
 * ProviderHealthLog}). Thread-safe: {@link #at} and {@link #current} are called from the agent's
 * tick thread while fetches complete on an event loop.
 *
 * <p>Owns the provider: {@link #close()} cancels the timer and closes it.
 */
public final class LiveIntensityPoller implements GridIntensity, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveIntensityPoller.class);

  private final Vertx vertx;
  private final CarbonIntensityProvider provider;
  private final Duration refresh;
  private final Clock clock;
  private final LiveIntensityTracker tracker;
  private final ProviderHealthLog health;

  // Guarded by this.
  private Future<CarbonIntensity> inFlight;
  private long timerId = -1;
  private boolean started;
  private boolean closed;

  /** A poller on the system UTC clock. */
  public LiveIntensityPoller(
      Vertx vertx,
      CarbonIntensityProvider provider,
      double fallbackGramsPerKwh,
      Duration refresh,
      Duration maxStaleness) {
    this(vertx, provider, fallbackGramsPerKwh, refresh, maxStaleness, Clock.systemUTC());
  }

  /**
   * @param fallbackGramsPerKwh gCO2e/kWh used before the first value and once the value is stale
   * @param refresh time between fetches, at least 1 ms
   * @param maxStaleness how long after it was received a value is still used, >= 0
   * @param clock the wall clock that stamps received values and that {@link #current} reads
   */
  public LiveIntensityPoller(
      Vertx vertx,
      CarbonIntensityProvider provider,
      double fallbackGramsPerKwh,
      Duration refresh,
      Duration maxStaleness,
      Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (refresh.toMillis() < 1) {
      throw new IllegalArgumentException("refresh must be at least 1ms, got " + refresh);
    }
    Objects.requireNonNull(maxStaleness, "maxStaleness");
    if (maxStaleness.isNegative()) {
      throw new IllegalArgumentException("maxStaleness must not be negative, got " + maxStaleness);
    }
    this.tracker =
        new LiveIntensityTracker(
            provider.name(), provider.zone(), fallbackGramsPerKwh, Seconds.of(maxStaleness));
    this.health = new ProviderHealthLog(provider.name());
  }

  /** Fetches now and then every {@code refresh}. Returns this; a second call does nothing. */
  public LiveIntensityPoller start() {
    synchronized (this) {
      if (started || closed) {
        return this;
      }
      started = true;
      timerId = vertx.setPeriodic(refresh.toMillis(), id -> refreshNow());
    }
    refreshNow();
    return this;
  }

  /**
   * Fetches now, unless a fetch is already running, and completes with the value in use once the
   * answer is recorded (a failure is recorded too, so the future always succeeds).
   */
  public Future<CarbonIntensity> refreshNow() {
    Promise<CarbonIntensity> done;
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture(at(clock.instant()));
      }
      if (inFlight != null) {
        return inFlight;
      }
      done = Promise.promise();
      inFlight = done.future();
    }
    Future<IntensityReading> fetch;
    try {
      fetch = provider.fetch();
    } catch (RuntimeException bug) {
      fetch =
          Future.failedFuture(
              new IntensityFetchException(
                  IntensityFetchError.CONNECTION, provider.name() + ": fetch failed: " + bug));
    }
    fetch.onComplete(
        result -> {
          CarbonIntensity now;
          synchronized (this) {
            inFlight = null;
            if (!closed) {
              record(result.succeeded() ? result.result() : null, result.cause());
            }
            now = at(clock.instant());
          }
          done.complete(now);
        });
    return done.future();
  }

  private void record(IntensityReading reading, Throwable failure) {
    double now = epochSeconds(clock.instant());
    if (reading != null) {
      tracker.accept(reading, now);
      info(health.succeeded(reading));
      return;
    }
    IntensityFetchException why =
        failure instanceof IntensityFetchException known
            ? known
            : new IntensityFetchException(
                IntensityFetchError.CONNECTION, provider.name() + ": fetch failed: " + failure);
    tracker.reject(why.getMessage(), now);
    String line = health.failed(why);
    if (line != null) {
      LOG.warn(line);
    }
  }

  /** The value in use now, on the poller's clock. */
  public CarbonIntensity current() {
    return at(clock.instant());
  }

  @Override
  public synchronized CarbonIntensity at(Instant now) {
    CarbonIntensity value = tracker.current(epochSeconds(now));
    String line = health.inUse(value);
    if (line != null) {
      if (value.fallback()) {
        LOG.warn(line);
      } else {
        LOG.info(line);
      }
    }
    return value;
  }

  /** Cancels the timer and closes the provider; a fetch still running is ignored. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
    }
    provider.close();
  }

  private static void info(String line) {
    if (line != null) {
      LOG.info(line);
    }
  }

  private static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
