package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

  @Test
  void aVerificationIsTrustedUntilItGoesUnusedForItsTtl() {
    VerifiedCredentials cache = new VerifiedCredentials(4, 1_000);
    cache.remember("alice", "pw", 5_000);

    assertFalse(cache.recentlyVerified("alice", "pw2", 5_500));
    assertFalse(cache.recentlyVerified("bob", "pw", 5_500));
    assertTrue(cache.recentlyVerified("alice", "pw", 5_999));
    assertTrue(cache.recentlyVerified("alice", "pw", 6_998)); // each use slides the expiry
    assertTrue(cache.recentlyVerified("alice", "pw", 7_997));
    assertFalse(cache.recentlyVerified("alice", "pw", 8_997));
    assertEquals(0, cache.size());
  }

  @Test
  void aPairUsedRecentlyOutlivesOneRememberedLaterButUnused() {
    VerifiedCredentials cache = new VerifiedCredentials(2, 1_000);
    cache.remember("a", "1", 0);
    cache.remember("b", "2", 1);
    assertTrue(cache.recentlyVerified("a", "1", 2)); // used: now the newest
    cache.remember("c", "3", 3);

    assertFalse(cache.recentlyVerified("b", "2", 4));
    assertTrue(cache.recentlyVerified("a", "1", 4));
  }

  @Test
  void userAndPasswordAreKeptApart() {
    VerifiedCredentials cache = new VerifiedCredentials(4, 1_000);
    cache.remember("ab", "c", 0);
    assertFalse(cache.recentlyVerified("a", "bc", 1));
  }

  @Test
  void theOldestPairIsForgottenBeyondCapacity() {
    VerifiedCredentials cache = new VerifiedCredentials(2, 1_000);
    cache.remember("a", "1", 0);
    cache.remember("b", "2", 1);
    cache.remember("a", "1", 2); // refreshed: now the newest
    cache.remember("c", "3", 3);

    assertEquals(2, cache.size());
    assertFalse(cache.recentlyVerified("b", "2", 4));
    assertTrue(cache.recentlyVerified("a", "1", 4));
    assertTrue(cache.recentlyVerified("c", "3", 4));
  }
}
