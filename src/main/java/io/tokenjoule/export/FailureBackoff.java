package io.tokenjoule.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backs off a client (by address) that keeps sending wrong credentials: after {@value
 * #FREE_FAILURES} failures in a row its next attempts are refused without a bcrypt check, for one
 * second, doubling with each further failure up to {@value #MAX_BACKOFF_SECONDS} seconds. A success
 * clears the record. Remembers at most {@value #MAX_CLIENTS} clients, forgetting the least recently
 * seen. Thread-safe.
 */
final class FailureBackoff {

  static final int FREE_FAILURES = 5;
  static final long MAX_BACKOFF_SECONDS = 60;
  static final int MAX_CLIENTS = 4096;

  private static final class Record {
    int failures;
    long blockedUntilNanos;
  }

  private final Map<String, Record> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  /** Seconds {@code client} must still wait at {@code nowNanos}, or 0 when it may try. */
  synchronized long secondsToWait(String client, long nowNanos) {
    Record record = clients.get(client);
    if (record == null || nowNanos - record.blockedUntilNanos >= 0) {
      return 0;
    }
    return Math.max(1, (record.blockedUntilNanos - nowNanos + 999_999_999L) / 1_000_000_000L);
  }

  synchronized void failed(String client, long nowNanos) {
    Record record = clients.computeIfAbsent(client, c -> new Record());
    record.failures++;
    if (record.failures >= FREE_FAILURES) {
      int doublings = Math.min(record.failures - FREE_FAILURES, 6);
      long seconds = Math.min(MAX_BACKOFF_SECONDS, 1L << doublings);
      record.blockedUntilNanos = nowNanos + seconds * 1_000_000_000L;
    }
  }

  synchronized void succeeded(String client) {
    clients.remove(client);
  }
}
