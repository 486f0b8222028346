package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScrapeMemoryBudgetTest {

  private static final ScrapeLimits DEFAULTS = new ScrapeLimits(0.8, 16 << 20, 200_000);

  @Test
  void eachTargetGetsItsShareOfHalfTheHeapForTheSeriesItKeeps() {
    ScrapeLimits fitted = ScrapeMemoryBudget.fit(DEFAULTS, 32L << 20, 8);
    long share = (16L << 20) / 8;
    assertEquals(
        share - ScrapeMemoryBudget.BUFFER_BYTES - DEFAULTS.parserLimits().maxLineBytes(),
        fitted.maxRetainedBytes());
    assertEquals(DEFAULTS.maxBodyBytes(), fitted.maxBodyBytes());
  }

  @Test
  void aLargeHeapKeepsTheConfiguredBound() {
    assertEquals(DEFAULTS, ScrapeMemoryBudget.fit(DEFAULTS, 8L << 30, 2));
  }

  @Test
  void tooManyTargetsForTheHeapIsAnErrorNamingTheKeysAndTheHeap() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ScrapeMemoryBudget.fit(DEFAULTS, 32L << 20, 64));
    assertTrue(
        e.getMessage().startsWith("64 servers cannot be scraped at once in a heap of 32 MiB"));
    assertTrue(e.getMessage().contains("scrape.max_labels_per_series 32"), e.getMessage());
    assertTrue(e.getMessage().contains("scrape.max_label_value_length 512"), e.getMessage());
    assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
  }
}
