package io.tokenjoule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecondsTest {

  @Test
  void durationsAndSecondsConvertBothWaysToTheNanosecond() {
    assertEquals(1.5, Seconds.of(Duration.ofMillis(1500)));
    assertEquals(604800.0, Seconds.of(Duration.ofDays(7)));
    assertEquals(1e-9, Seconds.of(Duration.ofNanos(1)));
    assertEquals(Duration.ofMillis(800), Seconds.toDuration(0.8));
    assertEquals(Duration.ofNanos(1), Seconds.toDuration(1.4e-9));
    assertEquals(Duration.ofDays(365), Seconds.toDuration(Seconds.of(Duration.ofDays(365))));
  }

  @Test
  void timerMillisecondsAreRoundedAndAtLeastOne() {
    assertEquals(100, Seconds.toMillisAtLeastOne(0.1));
    assertEquals(1, Seconds.toMillisAtLeastOne(0.0001));
    assertEquals(1, Seconds.toMillisAtLeastOne(0));
    assertEquals(1235, Seconds.toMillisAtLeastOne(1.2345));
  }
}
