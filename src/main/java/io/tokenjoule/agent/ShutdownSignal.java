package io.tokenjoule.agent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a clean stop: the command's thread is woken, closes what it opened, and
 * the JVM waits (a bounded time) for that before exiting.
 */
public final class ShutdownSignal implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(10);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch cleanedUp = new CountDownLatch(1);
  private final Thread hook;

  public ShutdownSignal() {
    hook =
        new Thread(
            () -> {
              requested.countDown();
              try {
                cleanedUp.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tokenjoule-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Waits until a stop is requested or {@code timeout} passes; true if a stop was requested. */
  public boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Call once cleanup is done. */
  @Override
  public void close() {
    cleanedUp.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running and now returns
    }
  }
}
