package io.tokenjoule.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResetAwareCounterTest {

  private final ResetAwareCounter counter = new ResetAwareCounter();

  @Test
  void isNaNUntilTheFirstValueWhichBecomesTheTotal() {
    assertFalse(counter.hasValue());
    assertEquals(Double.NaN, counter.total());

    assertEquals(0, counter.observe(1234.5));

    assertTrue(counter.hasValue());
    assertEquals(1234.5, counter.total());
    assertEquals(0, counter.resets());
  }

  @Test
  void addsIncreases() {
    counter.observe(100);
    assertEquals(20, counter.observe(120));
    assertEquals(0, counter.observe(120));
    assertEquals(30.5, counter.observe(150.5));
    assertEquals(150.5, counter.total());
    assertEquals(0, counter.resets());
  }

  @Test
  void aLowerValueIsARestartFromZeroAndCountsWhole() {
    counter.observe(100);
    counter.observe(150);

    assertEquals(7, counter.observe(7));
    assertEquals(157, counter.total());
    assertEquals(1, counter.resets());

    assertEquals(3, counter.observe(10));
    assertEquals(0, counter.observe(0));
    assertEquals(160, counter.total());
    assertEquals(2, counter.resets());
  }

  @Test
  void ignoresNaN() {
    assertEquals(0, counter.observe(Double.NaN));
    assertFalse(counter.hasValue());

    counter.observe(100);
    assertEquals(0, counter.observe(Double.NaN));
    assertEquals(100, counter.total());
    assertEquals(5, counter.observe(105));
    assertEquals(105, counter.total());
    assertEquals(0, counter.resets());
  }

  @Test
  void rejectsNegativeAndInfiniteValues() {
    assertThrows(IllegalArgumentException.class, () -> counter.observe(-1));
    assertThrows(IllegalArgumentException.class, () -> counter.observe(Double.POSITIVE_INFINITY));
    assertFalse(counter.hasValue());
  }
}
