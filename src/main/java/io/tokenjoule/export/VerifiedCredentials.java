package io.tokenjoule.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for a short time, user/password pairs that passed bcrypt, so a scraper sending the
 * same credentials every few seconds pays bcrypt's cost (tens of milliseconds at cost 10) once per
 * {@code ttlNanos} rather than on every request. Only a SHA-256 of the pair is kept, never the
 * password; failures are never cached. Thread-safe (synchronized; entries are few).
 */
final class VerifiedCredentials {

  private final int capacity;
  private final long ttlNanos;
  private final Map<String, Long> verifiedAt = new LinkedHashMap<>();

  /**
   * @param capacity how many pairs to remember; the oldest is forgotten first
   * @param ttlNanos how long a verification is trusted, in nanoseconds of {@code System.nanoTime}
   */
  VerifiedCredentials(int capacity, long ttlNanos) {
    if (capacity < 1 || ttlNanos < 0) {
      throw new IllegalArgumentException(
          "capacity must be >= 1 and ttl >= 0, got " + capacity + " and " + ttlNanos);
    }
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
  }

  /** Whether the pair passed bcrypt less than the TTL before {@code nowNanos}. */
  synchronized boolean recentlyVerified(String user, String password, long nowNanos) {
    String key = key(user, password);
    Long at = verifiedAt.get(key);
    if (at == null) {
      return false;
    }
    if (nowNanos - at >= ttlNanos) {
      verifiedAt.remove(key);
      return false;
    }
    return true;
  }

  /** Records that the pair passed bcrypt at {@code nowNanos}. */
  synchronized void remember(String user, String password, long nowNanos) {
    String key = key(user, password);
    verifiedAt.remove(key);
    verifiedAt.put(key, nowNanos);
    Iterator<String> oldest = verifiedAt.keySet().iterator();
    while (verifiedAt.size() > capacity) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized int size() {
    return verifiedAt.size();
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
