package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSelectorTest {

  @Test
  void matchesByNameAndEveryLabel() {
    MetricSelector selector = MetricSelector.of("t_total", "stage", "prefill", "pool", "a");
    assertTrue(selector.matches(sample("t_total", "pool", "a", "stage", "prefill", "x", "y")));
    assertFalse(selector.matches(sample("t_total", "pool", "a", "stage", "decode")));
    assertFalse(selector.matches(sample("t_total", "stage", "prefill")));
    assertFalse(selector.matches(sample("u_total", "pool", "a", "stage", "prefill")));
    assertTrue(MetricSelector.of("t_total").matches(sample("t_total", "any", "thing")));
  }

  @Test
  void printsAsPromQl() {
    assertEquals(
        "t_total{a=\"1\",b=\"2\"}",
        new MetricSelector("t_total", Map.of("b", "2", "a", "1")).toString());
    assertEquals("t_total", MetricSelector.of("t_total").toString());
  }

  @Test
  void refusesABlankNameAndOddLabels() {
    assertThrows(IllegalArgumentException.class, () -> MetricSelector.of(" "));
    assertThrows(IllegalArgumentException.class, () -> MetricSelector.of("t", "a"));
  }

  private static Sample sample(String name, String... labels) {
    return new Sample(name, Labels.of(labels), 1);
  }
}
