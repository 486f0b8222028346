package io.tokenjoule.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a run no longer finds is kept for the grace period, then dropped; and never unbounded. */
class GracePeriodTest {

  @Test
  void aMissingEntryIsKeptForTheGracePeriodThenDropped() {
    GracePeriod<String> grace = new GracePeriod<>(300, 10, Function.identity());

    assertEquals(List.of("a", "b"), grace.apply(List.of("a", "b"), 0));
    assertEquals(List.of("a", "b"), grace.apply(List.of("a"), 60));
    assertEquals(List.of("a", "b"), grace.apply(List.of("a"), 300));
    assertEquals(List.of("a"), grace.apply(List.of("a"), 301));
    assertEquals(List.of("a"), grace.apply(List.of("a"), 400), "dropped stays dropped");
  }

  @Test
  void anEntryFoundAgainStartsAnew() {
    GracePeriod<String> grace = new GracePeriod<>(100, 10, Function.identity());
    grace.apply(List.of("a"), 0);
    grace.apply(List.of(), 90);
    assertEquals(List.of("a"), grace.apply(List.of("a"), 95));
    assertEquals(List.of("a"), grace.apply(List.of(), 190));
    assertEquals(List.of(), grace.apply(List.of(), 196));
  }

  @Test
  void atMostMaxKeptMissingEntriesAreHeldTheLongestMissingGoFirst() {
    GracePeriod<String> grace = new GracePeriod<>(1000, 2, Function.identity());
    grace.apply(List.of("a"), 0);
    grace.apply(List.of("b"), 1);
    grace.apply(List.of("c"), 2);

    assertEquals(List.of("d", "b", "c"), grace.apply(List.of("d"), 3));
  }

  @Test
  void zeroGraceDropsAtOnce() {
    GracePeriod<String> grace = new GracePeriod<>(0, 10, Function.identity());
    grace.apply(List.of("a"), 0);
    assertEquals(List.of(), grace.apply(List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> new GracePeriod<String>(-1, 1, s -> s));
  }
}
