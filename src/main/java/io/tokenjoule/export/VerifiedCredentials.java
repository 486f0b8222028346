package io.tokenjoule.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers user/password pairs that passed bcrypt while they keep being used, so a scraper sending
 * the same credentials every few seconds pays bcrypt's cost (tens of milliseconds at cost 10) once,
 * not on every request. A pair is forgotten when it goes unused for {@code ttlNanos}: the expiry
 * slides with each use, so a scraper never goes back to bcrypt, where it could wait behind, or be
 * backed off with, wrong passwords sent from its own address. Only a SHA-256 of the pair is kept,
 * never the password; failures are never cached. Thread-safe (synchronized; entries are few).
 */
final class VerifiedCredentials {

  private final int capacity;
  private final long ttlNanos;
  private final Map<String, Long> lastUsedAt = new LinkedHashMap<>();

  /**
   * @param capacity how many pairs to remember; the oldest is forgotten first
   * @param ttlNanos how long a verified pair is trusted after its last use, in nanoseconds of
   *     {@code System.nanoTime}
   */
  VerifiedCredentials(int capacity, long ttlNanos) {
    if (capacity < 1 || ttlNanos < 0) {
      throw new IllegalArgumentException(
          "capacity must be >= 1 and ttl >= 0, got " + capacity + " and " + ttlNanos);
    }
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
  }

  /**
   * Whether the pair passed bcrypt and was last used less than the TTL before {@code nowNanos}; if
   * so, this use counts as its last.
   */
  synchronized boolean recentlyVerified(String user, String password, long nowNanos) {
    String key = key(user, password);
    Long at = lastUsedAt.remove(key);
    if (at == null || nowNanos - at >= ttlNanos) {
      return false;
    }
    lastUsedAt.put(key, nowNanos);
    return true;
  }

  /** Records that the pair passed bcrypt at {@code nowNanos}. */
  synchronized void remember(String user, String password, long nowNanos) {
    String key = key(user, password);
    lastUsedAt.remove(key);
    lastUsedAt.put(key, nowNanos);
    Iterator<String> oldest = lastUsedAt.keySet().iterator();
    while (lastUsedAt.size() > capacity) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized int size() {
    return lastUsedAt.size();
  }

  private static String key(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] digest = sha.digest(password.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
