package io.tokenjoule.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs bcrypt checks on their own few threads, with a short queue: a flood of wrong passwords costs
 * at most those threads' CPU, never the event loop's or the Vert.x workers', and what does not fit
 * in the queue is refused at once instead of waiting. Credentials already verified never come here
 * (see {@link VerifiedCredentials}), so they never wait behind wrong ones. Thread-safe.
 */
final class PasswordChecks implements AutoCloseable {

  /** One thread per four cores, at least one: bcrypt must leave the event loop a core. */
  static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 4);

  static final int QUEUE = 16;

  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          runnable -> {
            Thread thread = new Thread(runnable, "tokenjoule-bcrypt");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Runs {@code check} when a thread is free.
   *
   * @return the check's outcome, or null when the queue is full and the check was refused
   */
  CompletableFuture<Boolean> submit(Callable<Boolean> check) {
    CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              outcome.complete(check.call());
            } catch (Exception e) {
              outcome.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      return null;
    }
    return outcome;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
