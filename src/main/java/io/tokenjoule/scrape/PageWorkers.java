package io.tokenjoule.scrape;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode and parse pages, apart from the Vert.x event loop (which serves {@code
 * /metrics} and moves bytes) and from the tick thread (which waits for the scrapes with a
 * deadline). A few daemon threads are enough: a page's work comes in chunks of a few KiB, so one
 * target's large page interleaves with every other target's.
 */
final class PageWorkers implements AutoCloseable {

  static final int THREADS = 2;

  private final ExecutorService executor;

  PageWorkers() {
    AtomicInteger count = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              Thread thread = new Thread(runnable, "tokenjoule-page-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  ExecutorService executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
