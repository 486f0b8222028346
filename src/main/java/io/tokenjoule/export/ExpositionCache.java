package io.tokenjoule.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code /metrics} page as bytes, rendered at most once per tick and format and gzipped at most
 * once per rendering, so that a scrape never waits for the registry. Each tick calls {@link
 * #newTick()}, which renders again, on the tick's thread, the formats scraped since the tick
 * before; a format nobody asked for is rendered when first asked. A page older than {@code
 * maxAgeNanos} is rendered again when asked, so the JVM and process meters stay fresh even if ticks
 * stop. Thread-safe: one format renders once however many scrapes ask for it at the same time.
 */
public final class ExpositionCache {

  /** One format's page of one generation. */
  private static final class Page {
    final long generation;
    final long renderedNanos;
    final byte[] plain;
    private byte[] gzipped;
    volatile boolean askedFor;

    Page(long generation, long renderedNanos, byte[] plain) {
      this.generation = generation;
      this.renderedNanos = renderedNanos;
      this.plain = plain;
    }

    synchronized byte[] gzipped() {
      if (gzipped == null) {
        gzipped = gzip(plain);
      }
      return gzipped;
    }
  }

  private final PrometheusMeterRegistry registry;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, Object> renderLocks = new ConcurrentHashMap<>();
  private volatile long generation;

  /**
   * @param maxAgeNanos how old a page may be when ticks have stopped; 0 renders on every request
   */
  public ExpositionCache(PrometheusMeterRegistry registry, long maxAgeNanos) {
    this(registry, maxAgeNanos, System::nanoTime);
  }

  ExpositionCache(PrometheusMeterRegistry registry, long maxAgeNanos, LongSupplier nanoTime) {
    this.registry = registry;
    this.maxAgeNanos = maxAgeNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * New values are in the registry: the next scrape of each format gets a new page. Formats that
   * were scraped since the last tick are rendered now, on the caller's thread, before the new pages
   * replace the old: scrapes meanwhile get the last tick's page rather than wait.
   */
  public void newTick() {
    long next = generation + 1;
    Map<String, Page> rendered = new HashMap<>();
    for (Map.Entry<String, Page> entry : pages.entrySet()) {
      if (entry.getValue().askedFor) {
        rendered.put(entry.getKey(), new Page(next, nanoTime.getAsLong(), scrape(entry.getKey())));
      }
    }
    synchronized (this) {
      pages.putAll(rendered);
      generation = next;
    }
  }

  /** The page in {@code contentType} if a fresh one is rendered; never renders. */
  Optional<byte[]> cached(String contentType, boolean gzip) {
    Page page = pages.get(contentType);
    if (page == null || !fresh(page)) {
      return Optional.empty();
    }
    page.askedFor = true;
    return Optional.of(gzip ? page.gzipped() : page.plain);
  }

  /**
   * The page in {@code contentType}, rendered now unless a fresh one is; blocks while it renders.
   *
   * @throws UncheckedIOException when the registry cannot be written
   */
  byte[] page(String contentType, boolean gzip) {
    Page page = pages.get(contentType);
    if (page == null || !fresh(page)) {
      page = render(contentType);
    }
    page.askedFor = true;
    return gzip ? page.gzipped() : page.plain;
  }

  private boolean fresh(Page page) {
    return page.generation == generation
        && (maxAgeNanos > 0 && nanoTime.getAsLong() - page.renderedNanos < maxAgeNanos);
  }

  private Page render(String contentType) {
    synchronized (renderLocks.computeIfAbsent(contentType, c -> new Object())) {
      Page current = pages.get(contentType);
      if (current != null && fresh(current)) {
        return current;
      }
      long renderedAt = generation;
      Page page = new Page(renderedAt, nanoTime.getAsLong(), scrape(contentType));
      synchronized (this) {
        if (generation == renderedAt) {
          pages.put(contentType, page);
        }
      }
      return page;
    }
  }

  private byte[] scrape(String contentType) {
    Page last = pages.get(contentType);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(last == null ? 64 * 1024 : last.plain.length + 4096);
    try {
      registry.scrape(out, contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
