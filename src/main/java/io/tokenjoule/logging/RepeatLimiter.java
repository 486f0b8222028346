package io.tokenjoule.logging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets one log line through per key (a target and a reason, say) per interval, and counts the
 * repeats it held back, so that the next line can say how many there were. A target failing every
 * tick then costs one line per interval, not one per tick.
 *
 * <p>Keeps at most {@value #MAX_KEYS} keys, forgetting the least recently seen. Thread-safe.
 */
public final class RepeatLimiter {

  static final int MAX_KEYS = 1024;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_KEYS;
        }
      };

  private static final class Entry {
    long lastLogged;
    long heldBack;
  }

  public RepeatLimiter(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  public RepeatLimiter(Duration interval) {
    this(interval, System::nanoTime);
  }

  /**
   * Whether a line for {@code key} may be logged now.
   *
   * @return -1 when the line is held back (and counted); otherwise how many lines for this key were
   *     held back since the last one logged
   */
  public synchronized long admit(String key) {
    long now = nanoTime.getAsLong();
    Entry entry = entries.get(key);
    if (entry == null) {
      entry = new Entry();
      entry.lastLogged = now;
      entries.put(key, entry);
      return 0;
    }
    if (now - entry.lastLogged < intervalNanos) {
      entry.heldBack++;
      return -1;
    }
    long heldBack = entry.heldBack;
    entry.heldBack = 0;
    entry.lastLogged = now;
    return heldBack;
  }

  /** Forgets {@code key}: its next line is logged at once (a target that recovered, say). */
  public synchronized void forget(String key) {
    entries.remove(key);
  }
}
