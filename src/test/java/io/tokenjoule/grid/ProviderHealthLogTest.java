package io.tokenjoule.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderHealthLogTest {

  private static final IntensityReading READING =
      new IntensityReading(302, Instant.parse("2024-11-28T15:00:00Z"), "DE");
  private static final String EM = ElectricityMapsProvider.NAME;

  private final ProviderHealthLog log = new ProviderHealthLog(EM);

  private static IntensityFetchException failure(IntensityFetchError error) {
    return new IntensityFetchException(error, "http://x/latest: " + error.label());
  }

  @Test
  void logsOncePerChangeNotPerFetch() {
    assertEquals(
        "grid carbon intensity from electricitymaps: 302.0 gCO2e/kWh in DE valid at"
            + " 2024-11-28T15:00:00Z",
        log.succeeded(READING));
    assertNull(log.succeeded(READING));
    assertEquals(
        "grid carbon intensity from electricitymaps cannot be fetched: timeout: http://x/latest:"
            + " timeout",
        log.failed(failure(IntensityFetchError.TIMEOUT)));
    assertNull(log.failed(failure(IntensityFetchError.TIMEOUT)));
    assertEquals(
        "grid carbon intensity from electricitymaps cannot be fetched: http_status:"
            + " http://x/latest: http_status",
        log.failed(failure(IntensityFetchError.HTTP_STATUS)));
    assertEquals(
        "grid carbon intensity from electricitymaps is fetched again: 302.0 gCO2e/kWh in DE"
            + " valid at 2024-11-28T15:00:00Z",
        log.succeeded(READING));
    assertNull(log.succeeded(READING));
  }

  @Test
  void aProviderFailingFromTheStartIsReportedOnce() {
    assertEquals(
        "grid carbon intensity from electricitymaps cannot be fetched: connection:"
            + " http://x/latest: connection",
        log.failed(failure(IntensityFetchError.CONNECTION)));
    assertNull(log.failed(failure(IntensityFetchError.CONNECTION)));
    assertEquals(
        "grid carbon intensity from electricitymaps: 302.0 gCO2e/kWh in DE valid at"
            + " 2024-11-28T15:00:00Z",
        log.succeeded(READING));
  }

  @Test
  void switchesToAndFromTheFallbackAreReportedButNotTheFirstLiveValue() {
    CarbonIntensity fallback = new CarbonIntensity(380, EM, "DE", 0, true, null);
    CarbonIntensity live = new CarbonIntensity(302, EM, "DE", 5, false, null);
    assertNull(log.inUse(fallback), "the fallback is expected before the first value");
    assertNull(log.inUse(live), "the first value is announced by succeeded()");
    assertNull(log.inUse(live));
    assertEquals(
        "no fresh grid carbon intensity from electricitymaps: using the static fallback 380.0"
            + " gCO2e/kWh",
        log.inUse(fallback));
    assertNull(log.inUse(fallback));
    assertEquals("grid carbon intensity from electricitymaps is in use again", log.inUse(live));
  }
}
