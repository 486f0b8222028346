package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ExpositionCacheTest {

  private static final String TEXT = ExpositionNegotiation.TEXT;
  private static final String OPENMETRICS = ExpositionNegotiation.OPENMETRICS;
  private static final long SECOND = 1_000_000_000L;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong value = new AtomicLong(1);
  private final AtomicLong now = new AtomicLong();
  private final ExpositionCache cache = new ExpositionCache(registry, 5 * SECOND, now::get);

  ExpositionCacheTest() {
    Gauge.builder(
            "tokenjoule.test.value",
            () -> {
              reads.incrementAndGet();
              return value.get();
            })
        .register(registry);
  }

  @Test
  void eachFormatRendersOncePerTickHoweverOftenItIsScraped() {
    byte[] first = cache.page(TEXT, false);
    for (int i = 0; i < 10; i++) {
      assertSame(first, cache.page(TEXT, false));
      assertSame(first, cache.cached(TEXT, false).orElseThrow());
    }
    assertEquals(1, reads.get());

    cache.page(OPENMETRICS, false);
    assertEquals(2, reads.get(), "the other format renders once, when asked");
    assertTrue(
        new String(cache.page(OPENMETRICS, false), StandardCharsets.UTF_8).endsWith("# EOF\n"));
  }

  @Test
  void aNewTickRendersAgainTheFormatsScrapedSinceTheLastOnTheTicksThread() {
    cache.page(TEXT, false);
    value.set(42);
    cache.newTick();
    assertEquals(2, reads.get(), "rendered by newTick, not by the next scrape");

    byte[] page = cache.cached(TEXT, false).orElseThrow();
    assertTrue(text(page).contains("tokenjoule_test_value 42.0"), text(page));
    assertEquals(2, reads.get());

    cache.newTick();
    cache.newTick();
    assertEquals(3, reads.get(), "a format nobody scraped in the last tick is not rendered again");
    assertTrue(cache.cached(OPENMETRICS, false).isEmpty());
  }

  @Test
  void gzipIsTheSamePageCompressedOnce() throws IOException {
    byte[] plain = cache.page(TEXT, false);
    byte[] gzipped = cache.page(TEXT, true);
    assertSame(gzipped, cache.page(TEXT, true));
    assertArrayEquals(plain, new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes());
    assertEquals(1, reads.get());
  }

  @Test
  void aPageOlderThanTheMaximumAgeRendersAgainWhenTicksStop() {
    byte[] first = cache.page(TEXT, false);
    now.addAndGet(4 * SECOND);
    assertSame(first, cache.page(TEXT, false));
    now.addAndGet(2 * SECOND);
    assertTrue(cache.cached(TEXT, false).isEmpty());
    assertNotSame(first, cache.page(TEXT, false));
    assertEquals(2, reads.get());
  }

  @Test
  void withoutAMaximumAgeEveryScrapeRenders() {
    ExpositionCache uncached = new ExpositionCache(registry, 0, now::get);
    uncached.page(TEXT, false);
    uncached.page(TEXT, false);
    assertEquals(2, reads.get());
  }

  private static String text(byte[] page) {
    return new String(page, StandardCharsets.UTF_8);
  }
}
