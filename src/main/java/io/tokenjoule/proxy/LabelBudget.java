package io.tokenjoule.proxy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds how many values one label takes: the first {@code max} distinct values are kept, and every
 * later new value becomes {@value #OVERFLOW}, counted. Values are never forgotten while the process
 * runs, so a series, once exported, keeps its label. Thread-safe; admitting a known value takes no
 * lock.
 */
public final class LabelBudget {

  /** The label value that stands for every value past the budget. */
  public static final String OVERFLOW = "overflow";

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicLong overflowed = new AtomicLong();

  /**
   * @param max how many distinct values to keep, {@code >= 1}
   */
  public LabelBudget(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a label budget needs at least 1 value, got " + max);
    }
    this.max = max;
  }

  /** The value itself while within the budget, else {@value #OVERFLOW}. */
  public String admit(String value) {
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (admitted.contains(value) || admitted.size() < max) {
        admitted.add(value);
        return value;
      }
    }
    overflowed.incrementAndGet();
    return OVERFLOW;
  }

  /** Whether the value was admitted already. */
  public boolean knows(String value) {
    return admitted.contains(value);
  }

  /** How many times a value was turned into {@value #OVERFLOW}. */
  public long overflowed() {
    return overflowed.get();
  }
}
