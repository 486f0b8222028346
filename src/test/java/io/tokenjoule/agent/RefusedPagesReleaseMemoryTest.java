package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.PlatformDependent;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.HostileServer.Behaviour;
import io.tokenjoule.scrape.HttpScraper;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.scrape.VllmProfile;
import io.vertx.core.Vertx;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page refused mid-stream leaves nothing behind: the scraper pauses a response it cannot keep up
 * with, and Vert.x holds the chunks of a paused response in pooled direct buffers, which a reset
 * alone never gives back. Ten refused pages in a row must not grow Netty's direct memory.
 */
class RefusedPagesReleaseMemoryTest {

  @ParameterizedTest
  @EnumSource(
      value = Behaviour.class,
      names = {"CHUNKED_1GIB", "CLOSE_DELIMITED_1GIB", "GZIP_BOMB"})
  void refusedPagesGiveTheirBuffersBack(Behaviour behaviour) throws Exception {
    Vertx vertx = AgentVertx.create();
    try (HostileServer server = new HostileServer(0);
        MetricsPageClient client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM)) {
      server.behave(behaviour);
      HttpScraper scraper =
          new HttpScraper(client, new ScrapeLimits(2, 16 << 20, 200_000), MonotonicClock.SYSTEM);
      ScrapeTarget target =
          new ScrapeTarget(
              "hostile",
              URI.create("http://127.0.0.1:" + server.port() + "/metrics"),
              new VllmProfile());
      long baseline = 0;
      for (int i = 0; i < 12; i++) {
        ScrapeOutcome outcome =
            scraper.scrape(target).toCompletionStage().toCompletableFuture().get();
        assertInstanceOf(ScrapeOutcome.Failure.class, outcome, behaviour + " must be refused");
        Thread.sleep(200);
        if (i == 1) {
          baseline = PlatformDependent.usedDirectMemory();
        }
      }
      long grown = PlatformDependent.usedDirectMemory() - baseline;
      assertTrue(grown <= 2 << 20, behaviour + ": direct memory grew by " + grown + " bytes");
    } finally {
      vertx.close().await();
    }
  }
}
