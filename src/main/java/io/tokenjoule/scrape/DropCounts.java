package io.tokenjoule.scrape;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many things the limits refused in one scrape, by reason. Mutable while one scrape runs, then
 * read through {@link #snapshot()}. Not thread-safe: one instance per scrape, used by one thread at
 * a time.
 */
public final class DropCounts {

  private final EnumMap<DropReason, Long> counts = new EnumMap<>(DropReason.class);

  public void add(DropReason reason) {
    add(reason, 1);
  }

  public void add(DropReason reason, long count) {
    if (count > 0) {
      counts.merge(reason, count, Long::sum);
    }
  }

  public void addAll(Map<DropReason, Long> other) {
    other.forEach(this::add);
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** An unmodifiable copy, iterated in the order of {@link DropReason}. */
  public Map<DropReason, Long> snapshot() {
    return counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
  }
}
