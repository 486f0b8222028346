package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailureBackoffTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFewFailuresAreFreeThenTheWaitDoublesUpToAMinute() {
    FailureBackoff backoff = new FailureBackoff();
    for (int i = 1; i < FailureBackoff.FREE_FAILURES; i++) {
      backoff.failed("10.0.0.1", 0);
      assertEquals(0, backoff.secondsToWait("10.0.0.1", 0), "after " + i + " failures");
    }
    backoff.failed("10.0.0.1", 0);
    assertEquals(1, backoff.secondsToWait("10.0.0.1", 0));
    assertEquals(0, backoff.secondsToWait("10.0.0.1", SECOND));
    backoff.failed("10.0.0.1", SECOND);
    assertEquals(2, backoff.secondsToWait("10.0.0.1", SECOND));
    for (int i = 0; i < 20; i++) {
      backoff.failed("10.0.0.1", SECOND);
    }
    assertEquals(FailureBackoff.MAX_BACKOFF_SECONDS, backoff.secondsToWait("10.0.0.1", SECOND));
    assertEquals(0, backoff.secondsToWait("10.0.0.2", SECOND), "other clients are not held");
  }

  @Test
  void aSuccessClearsTheRecord() {
    FailureBackoff backoff = new FailureBackoff();
    for (int i = 0; i < 10; i++) {
      backoff.failed("c", 0);
    }
    backoff.succeeded("c");
    assertEquals(0, backoff.secondsToWait("c", 0));
  }
}
