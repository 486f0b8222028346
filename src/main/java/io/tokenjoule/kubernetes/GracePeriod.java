package io.tokenjoule.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps what a discovery run no longer finds for a grace period: a pod that is gone keeps its
 * series (and a pod missed by one run keeps them unchanged) until the period ends, then it is
 * dropped, so the series of pods that come and go stay bounded. At most {@code maxKept} missing
 * entries are held; past that the longest missing go first. Not thread-safe: one caller.
 *
 * @param <T> what is found, identified by a key
 */
public final class GracePeriod<T> {

  private record Seen<T>(T item, double atSeconds) {}

  private final double graceSeconds;
  private final int maxKept;
  private final Function<T, String> key;
  private final Map<String, Seen<T>> lastSeen = new LinkedHashMap<>();

  /**
   * @param graceSeconds how long a missing entry is kept, {@code >= 0}
   * @param maxKept the most missing entries kept at once, {@code >= 0}
   * @param key what identifies an entry from one run to the next
   */
  public GracePeriod(double graceSeconds, int maxKept, Function<T, String> key) {
    if (!(graceSeconds >= 0) || maxKept < 0) {
      throw new IllegalArgumentException(
          "grace must be >= 0 s and maxKept >= 0, got " + graceSeconds + ", " + maxKept);
    }
    this.graceSeconds = graceSeconds;
    this.maxKept = maxKept;
    this.key = key;
  }

  /**
   * What this run found, followed by what earlier runs found within the grace period and this one
   * did not (oldest first), under the same key never twice.
   */
  public List<T> apply(List<T> found, double nowSeconds) {
    Set<String> current = new HashSet<>();
    for (T item : found) {
      String k = key.apply(item);
      current.add(k);
      lastSeen.remove(k);
      lastSeen.put(k, new Seen<>(item, nowSeconds));
    }
    lastSeen.values().removeIf(seen -> nowSeconds - seen.atSeconds() > graceSeconds);
    List<Map.Entry<String, Seen<T>>> missing = new ArrayList<>();
    for (Map.Entry<String, Seen<T>> entry : lastSeen.entrySet()) {
      if (!current.contains(entry.getKey())) {
        missing.add(entry);
      }
    }
    missing.sort(Comparator.comparingDouble(e -> e.getValue().atSeconds()));
    while (missing.size() > maxKept) {
      lastSeen.remove(missing.remove(0).getKey());
    }
    List<T> result = new ArrayList<>(found);
    missing.forEach(entry -> result.add(entry.getValue().item()));
    return result;
  }
}
