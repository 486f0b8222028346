package io.tokenjoule.grid;

import static io.tokenjoule.grid.ProviderResults.failure;
import static io.tokenjoule.grid.ProviderResults.value;
import static io.tokenjoule.grid.ProviderStub.json;
import static io.tokenjoule.grid.ProviderStub.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ElectricityMapsProviderTest {

  private static final String TOKEN = "s3cret-token";
  private static final String PATH = "/v3/carbon-intensity/latest?zone=DE";
  private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(3), 4096);

  /** The shape of the API's answer, as documented and as seen in bug reports. */
  private static final String LATEST =
      "{\"zone\":\"DE\",\"carbonIntensity\":%s,\"datetime\":\"2024-11-28T15:00:00.000Z\","
          + "\"updatedAt\":\"2024-11-28T14:46:10.233Z\",\"createdAt\":\"2024-11-25T15:43:23.481Z\","
          + "\"emissionFactorType\":\"lifecycle\",\"isEstimated\":true,"
          + "\"estimationMethod\":\"TIME_SLICER_AVERAGE\"}";

  private static Vertx vertx;
  private static ProviderStub stub;
  private static ElectricityMapsProvider provider;
  private static String url;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    stub = new ProviderStub(vertx);
    provider = ElectricityMapsProvider.forZone(vertx, stub.base(), "DE", TOKEN, LIMITS);
    url = stub.base() + PATH;
  }

  @AfterAll
  static void stop() {
    provider.close();
    stub.close();
    vertx.close().await();
  }

  private static IntensityFetchException failureFor(ProviderStub.Answer answer) {
    stub.answer(PATH, answer);
    IntensityFetchException failure = failure(provider.fetch());
    assertFalse(failure.getMessage().contains(TOKEN), "the token must never be shown");
    return failure;
  }

  @Test
  void readsTheLatestValueOfTheZoneAndSendsTheToken() throws Exception {
    stub.answer(PATH, json(LATEST.formatted("302")));
    IntensityReading reading = value(provider.fetch());
    assertEquals(new IntensityReading(302.0, Instant.parse("2024-11-28T15:00:00Z"), "DE"), reading);
    assertEquals(TOKEN, stub.lastHeader("auth-token"));
    assertEquals("application/json", stub.lastHeader("Accept"));
    assertEquals(ElectricityMapsProvider.NAME, provider.name());
    assertEquals("DE", provider.zone());
    assertEquals(url, provider.url());
  }

  @Test
  void keepsFractionsAndTakesTheZoneFromTheRequestWhenTheAnswerHasNone() throws Exception {
    stub.answer(
        PATH, json("{\"carbonIntensity\":123.45,\"datetime\":\"2024-11-28T16:00:00.000Z\"}"));
    assertEquals(
        new IntensityReading(123.45, Instant.parse("2024-11-28T16:00:00Z"), "DE"),
        value(provider.fetch()));
  }

  @Test
  void locationAsksByLatitudeAndLongitudeAndLearnsTheZone() throws Exception {
    stub.answer("/v3/carbon-intensity/latest?lat=52.52&lon=13.405", json(LATEST.formatted("250")));
    try (ElectricityMapsProvider byLocation =
        ElectricityMapsProvider.forLocation(
            vertx, URI.create(stub.base() + "/"), 52.52, 13.405, TOKEN, LIMITS)) {
      assertEquals("", byLocation.zone());
      assertEquals(
          new IntensityReading(250.0, Instant.parse("2024-11-28T15:00:00Z"), "DE"),
          value(byLocation.fetch()));
    }
  }

  @Test
  void badTokenQuotesTheProvidersError() {
    IntensityFetchException failure = failureFor(status(401, "{\"error\":\"Invalid auth-token\"}"));
    assertEquals(IntensityFetchError.HTTP_STATUS, failure.error());
    assertEquals(url + ": HTTP 401 Unauthorized: Invalid auth-token", failure.getMessage());
  }

  @Test
  void rateLimitQuotesTheErrorAndRetryAfter() {
    IntensityFetchException failure =
        failureFor(status(429, "{\"error\":\"Rate limit exceeded\"}", Map.of("Retry-After", "60")));
    assertEquals(
        url + ": HTTP 429 Too Many Requests: Rate limit exceeded (Retry-After: 60)",
        failure.getMessage());
  }

  @Test
  void serverErrorQuotesTheStatusMessageForm() {
    IntensityFetchException failure =
        failureFor(status(500, "{\"status\":\"error\",\"message\":\"Unknown error occured.\"}"));
    assertEquals(
        url + ": HTTP 500 Internal Server Error: Unknown error occured.", failure.getMessage());
  }

  @Test
  void errorPageThatIsNotJsonGivesTheStatusAlone() {
    IntensityFetchException failure =
        failureFor(status(502, "<html><body>Bad gateway</body></html>"));
    assertEquals(url + ": HTTP 502 Bad Gateway", failure.getMessage());
  }

  @Test
  void silentProviderTimesOutWithinTheLimit() {
    stub.answer(PATH, ProviderStub.silent());
    try (ElectricityMapsProvider impatient =
        ElectricityMapsProvider.forZone(
            vertx, stub.base(), "DE", TOKEN, new FetchLimits(Duration.ofMillis(200), 4096))) {
      long started = System.nanoTime();
      IntensityFetchException failure = failure(impatient.fetch());
      assertEquals(IntensityFetchError.TIMEOUT, failure.error());
      assertEquals(url + ": no complete answer within 200 ms", failure.getMessage());
      assertTrue((System.nanoTime() - started) / 1e9 < 2, "the deadline must bound the wait");
    }
  }

  @Test
  void oversizedAnswerIsRefused() {
    IntensityFetchException failure = failureFor(ProviderStub.huge());
    assertEquals(IntensityFetchError.BODY_TOO_LARGE, failure.error());
    assertTrue(
        failure.getMessage().startsWith(url + ": response larger than 4096 bytes (saw "),
        failure.getMessage());
  }

  @Test
  void htmlIsNotJson() {
    IntensityFetchException failure = failureFor(json("<html><body>Maintenance</body></html>"));
    assertEquals(IntensityFetchError.BAD_RESPONSE, failure.error());
    assertTrue(
        failure
            .getMessage()
            .startsWith(
                url + ": response is not valid JSON (line 1 column 1: Unexpected character ('<'"),
        failure.getMessage());
  }

  @Test
  void truncatedOrTrailingJsonIsNotJson() {
    assertTrue(
        failureFor(json("{\"zone\":\"DE\",\"carbonIntensity\":30"))
            .getMessage()
            .startsWith(
                url + ": response is not valid JSON (line 1 column 34: Unexpected end-of-input"));
    assertTrue(
        failureFor(json(LATEST.formatted("302") + " {}"))
            .getMessage()
            .startsWith(url + ": response is not valid JSON ("));
    assertEquals(url + ": response body is empty", failureFor(json("")).getMessage());
  }

  @Test
  void wrongTypesAndMissingFieldsNameTheField() {
    assertEquals(
        url + ": carbonIntensity is a string, expected a number",
        failureFor(json(LATEST.formatted("\"302\""))).getMessage());
    assertEquals(
        url + ": carbonIntensity is null, expected a number",
        failureFor(json(LATEST.formatted("null"))).getMessage());
    assertEquals(
        url + ": carbonIntensity is missing, expected a number",
        failureFor(json("{\"zone\":\"DE\",\"datetime\":\"2024-11-28T15:00:00.000Z\"}"))
            .getMessage());
    assertEquals(
        url + ": datetime is missing, expected an ISO 8601 date-time string",
        failureFor(json("{\"zone\":\"DE\",\"carbonIntensity\":302}")).getMessage());
    assertEquals(
        url + ": datetime '28/11/2024 15:00' is not an ISO 8601 date-time with an offset",
        failureFor(json("{\"carbonIntensity\":302,\"datetime\":\"28/11/2024 15:00\"}"))
            .getMessage());
    assertEquals(
        url + ": zone is a number, expected a string",
        failureFor(json("{\"zone\":7,\"carbonIntensity\":302,\"datetime\":\"2024-11-28T15:00Z\"}"))
            .getMessage());
    IntensityFetchException array = failureFor(json("[" + LATEST.formatted("302") + "]"));
    assertEquals(IntensityFetchError.BAD_RESPONSE, array.error());
    assertEquals(url + ": response is an array, expected an object", array.getMessage());
  }

  @Test
  void implausibleValuesAreRefused() {
    IntensityFetchException huge = failureFor(json(LATEST.formatted("7000")));
    assertEquals(IntensityFetchError.IMPLAUSIBLE_VALUE, huge.error());
    assertEquals(
        url + ": carbonIntensity 7000: must be at most 5000 gCO2e/kWh, got 7000.0",
        huge.getMessage());
    assertEquals(
        url + ": carbonIntensity -5: must not be negative, got -5.0 gCO2e/kWh",
        failureFor(json(LATEST.formatted("-5"))).getMessage());
    IntensityFetchException overflow = failureFor(json(LATEST.formatted("1e999")));
    assertEquals(IntensityFetchError.IMPLAUSIBLE_VALUE, overflow.error());
    assertTrue(
        overflow.getMessage().contains("must be a finite number of gCO2e/kWh, got Infinity"),
        overflow.getMessage());
  }

  @Test
  void refusedConnectionIsAConnectionFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ElectricityMapsProvider nowhere =
        ElectricityMapsProvider.forZone(
            vertx, URI.create("http://127.0.0.1:" + closedPort), "FR", TOKEN, LIMITS)) {
      IntensityFetchException failure = failure(nowhere.fetch());
      assertEquals(IntensityFetchError.CONNECTION, failure.error());
      assertTrue(
          failure
              .getMessage()
              .startsWith(
                  "http://127.0.0.1:"
                      + closedPort
                      + "/v3/carbon-intensity/latest?zone=FR: connection refused or unreachable"),
          failure.getMessage());
    }
  }

  @Test
  void configurationMistakesAreRefusedUpFront() {
    URI base = ElectricityMapsProvider.DEFAULT_BASE;
    assertEquals(
        "Electricity Maps zone must be a zone key such as DE or US-CAL-CISO, got 'DE FR'",
        assertThrows(
                IllegalArgumentException.class,
                () -> ElectricityMapsProvider.forZone(vertx, base, "DE FR", TOKEN, LIMITS))
            .getMessage());
    assertEquals(
        "Electricity Maps auth token must not be blank",
        assertThrows(
                IllegalArgumentException.class,
                () -> ElectricityMapsProvider.forZone(vertx, base, "DE", " ", LIMITS))
            .getMessage());
    assertEquals(
        "latitude must be -90 to 90, got 91.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> ElectricityMapsProvider.forLocation(vertx, base, 91, 0, TOKEN, LIMITS))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ElectricityMapsProvider.forZone(
                vertx, URI.create("ftp://example.org"), "DE", TOKEN, LIMITS));
  }
}
