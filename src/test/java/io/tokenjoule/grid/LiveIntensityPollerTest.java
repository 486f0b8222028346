package io.tokenjoule.grid;

import static io.tokenjoule.grid.ProviderResults.value;
import static io.tokenjoule.grid.ProviderStub.json;
import static io.tokenjoule.grid.ProviderStub.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveIntensityPollerTest {

  private static final String PATH = "/v3/carbon-intensity/latest?zone=DE";
  private static final String EM = ElectricityMapsProvider.NAME;
  private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(3), 4096);

  private Vertx vertx;
  private ProviderStub stub;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    stub = new ProviderStub(vertx);
  }

  @AfterEach
  void stop() {
    stub.close();
    vertx.close().await();
  }

  private static ProviderStub.Answer latest(double grams, String hour) {
    return json(
        "{\"zone\":\"DE\",\"carbonIntensity\":"
            + grams
            + ",\"datetime\":\"2024-11-28T"
            + hour
            + ":00:00.000Z\",\"isEstimated\":false}");
  }

  private LiveIntensityPoller poller(Duration refresh, MutableClock clock) {
    ElectricityMapsProvider provider =
        ElectricityMapsProvider.forZone(vertx, stub.base(), "DE", "token", LIMITS);
    return new LiveIntensityPoller(vertx, provider, 380, refresh, Duration.ofMinutes(30), clock);
  }

  @Test
  void followsTheProviderKeepsTheValueThroughFailuresAndFallsBackWhenStale() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2024-11-28T15:10:00Z"));
    stub.answer(PATH, latest(302, "15"));
    // A refresh far longer than the test: every fetch here is asked for by refreshNow().
    try (LiveIntensityPoller poller = poller(Duration.ofHours(1), clock)) {
      assertEquals(new CarbonIntensity(380, EM, "DE", 0, true, null), poller.current());
      poller.start();
      assertEquals(new CarbonIntensity(302, EM, "DE", 0, false, null), value(poller.refreshNow()));

      stub.answer(PATH, latest(250.5, "16"));
      clock.advance(Duration.ofMinutes(5));
      value(poller.refreshNow());
      clock.advance(Duration.ofSeconds(42));
      assertEquals(new CarbonIntensity(250.5, EM, "DE", 42, false, null), poller.current());

      stub.answer(PATH, status(503, "{\"error\":\"Service unavailable\"}"));
      clock.advance(Duration.ofMinutes(5));
      value(poller.refreshNow());
      String error = stub.base() + PATH + ": HTTP 503 Service Unavailable: Service unavailable";
      assertEquals(
          new CarbonIntensity(250.5, EM, "DE", 5 * 60 + 42, false, error), poller.current());

      clock.advance(Duration.ofMinutes(25));
      assertEquals(new CarbonIntensity(380, EM, "DE", 0, true, error), poller.current());

      stub.answer(PATH, latest(240, "17"));
      value(poller.refreshNow());
      assertEquals(new CarbonIntensity(240, EM, "DE", 0, false, null), poller.current());
    }
  }

  @Test
  void theTimerRefreshesUntilClosed() throws Exception {
    stub.answer(PATH, latest(302, "15"));
    MutableClock clock = new MutableClock(Instant.parse("2024-11-28T15:10:00Z"));
    LiveIntensityPoller poller = poller(Duration.ofMillis(40), clock).start();
    try {
      assertEquals(302, awaitValue(poller, 302).gramsPerKwh());
      stub.answer(PATH, latest(199, "16"));
      assertEquals(199, awaitValue(poller, 199).gramsPerKwh());
    } finally {
      poller.close();
    }
    int afterClose = stub.requests();
    Thread.sleep(200);
    assertTrue(stub.requests() <= afterClose + 1, "no fetch after close but one in flight");
  }

  /** Waits, at most 3 s, until the poller serves {@code grams}, checking every 10 ms. */
  private static CarbonIntensity awaitValue(LiveIntensityPoller poller, double grams)
      throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    CarbonIntensity current = poller.current();
    while (current.gramsPerKwh() != grams && System.nanoTime() < deadline) {
      Thread.sleep(10);
      current = poller.current();
    }
    return current;
  }
}
