package io.tokenjoule.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatLimiterTest {

  @Test
  void oneLinePerKeyAndIntervalThenTheCountOfWhatWasHeldBack() {
    AtomicLong now = new AtomicLong();
    RepeatLimiter limiter = new RepeatLimiter(Duration.ofSeconds(60), now::get);
    assertEquals(0, limiter.admit("a timeout"));
    for (int i = 0; i < 59; i++) {
      now.addAndGet(1_000_000_000L);
      assertEquals(-1, limiter.admit("a timeout"));
    }
    assertEquals(0, limiter.admit("b timeout"), "another key is not held");
    now.addAndGet(1_000_000_000L);
    assertEquals(59, limiter.admit("a timeout"));
    limiter.forget("a timeout");
    assertEquals(0, limiter.admit("a timeout"));
  }
}
