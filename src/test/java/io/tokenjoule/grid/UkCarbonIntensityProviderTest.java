package io.tokenjoule.grid;

import static io.tokenjoule.grid.ProviderResults.failure;
import static io.tokenjoule.grid.ProviderResults.value;
import static io.tokenjoule.grid.ProviderStub.json;
import static io.tokenjoule.grid.ProviderStub.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UkCarbonIntensityProviderTest {

  private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(3), 4096);
  private static final Instant HALF_HOUR = Instant.parse("2018-01-20T12:00:00Z");

  /** National answer as documented: times without seconds, actual null until measured. */
  private static final String NATIONAL =
      "{\"data\":[{\"from\":\"2018-01-20T12:00Z\",\"to\":\"2018-01-20T12:30Z\","
          + "\"intensity\":{\"forecast\":%s,\"actual\":%s,\"index\":\"moderate\"}}]}";

  /** Regional answer as documented: a region holding its periods, forecast only. */
  private static final String REGIONAL =
      "{\"data\":[{\"regionid\":3,\"dnoregion\":\"Electricity North West\","
          + "\"shortname\":\"North West England\",\"postcode\":\"RG41\","
          + "\"data\":[{\"from\":\"2018-01-20T12:00Z\",\"to\":\"2018-01-20T12:30Z\","
          + "\"intensity\":{\"forecast\":%s,\"index\":\"moderate\"},"
          + "\"generationmix\":[{\"fuel\":\"gas\",\"perc\":43.6},{\"fuel\":\"wind\",\"perc\":6.8}]}]}]}";

  private static Vertx vertx;
  private static ProviderStub stub;
  private static UkCarbonIntensityProvider national;
  private static UkCarbonIntensityProvider postcode;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    stub = new ProviderStub(vertx);
    national = UkCarbonIntensityProvider.national(vertx, stub.base(), LIMITS);
    postcode = UkCarbonIntensityProvider.postcode(vertx, stub.base(), " rg41 ", LIMITS);
  }

  @AfterAll
  static void stop() {
    national.close();
    postcode.close();
    stub.close();
    vertx.close().await();
  }

  private static IntensityFetchException nationalFailure(ProviderStub.Answer answer) {
    stub.answer("/intensity", answer);
    return failure(national.fetch());
  }

  @Test
  void nationalPrefersTheActualValue() throws Exception {
    stub.answer("/intensity", json(NATIONAL.formatted("266", "263")));
    assertEquals(new IntensityReading(263.0, HALF_HOUR, "GB"), value(national.fetch()));
    assertEquals(stub.base() + "/intensity", national.url());
    assertEquals("GB", national.zone());
    assertEquals(UkCarbonIntensityProvider.NAME, national.name());
  }

  @Test
  void nationalUsesTheForecastWhileTheActualIsNullOrAbsent() throws Exception {
    stub.answer("/intensity", json(NATIONAL.formatted("266", "null")));
    assertEquals(new IntensityReading(266.0, HALF_HOUR, "GB"), value(national.fetch()));
    stub.answer(
        "/intensity",
        json(
            "{\"data\":[{\"from\":\"2018-01-20T12:00Z\",\"to\":\"2018-01-20T12:30Z\","
                + "\"intensity\":{\"forecast\":181.5,\"index\":\"moderate\"}}]}"));
    assertEquals(new IntensityReading(181.5, HALF_HOUR, "GB"), value(national.fetch()));
  }

  @Test
  void nationalShapeErrorsNameTheField() {
    String url = stub.base() + "/intensity";
    assertEquals(
        url + ": data[0].intensity.forecast is null, expected a number",
        nationalFailure(json(NATIONAL.formatted("null", "null"))).getMessage());
    assertEquals(
        url + ": data[0].intensity.actual is a string, expected a number",
        nationalFailure(json(NATIONAL.formatted("266", "\"263\""))).getMessage());
    // The API has answered 200 with an empty object during outages.
    assertEquals(
        url + ": data is missing, expected an array", nationalFailure(json("{}")).getMessage());
    assertEquals(
        url + ": data is an empty array", nationalFailure(json("{\"data\":[]}")).getMessage());
    assertEquals(
        url + ": data[0].from 'noon' is not an ISO 8601 date-time with an offset",
        nationalFailure(json("{\"data\":[{\"from\":\"noon\",\"intensity\":{\"forecast\":200}}]}"))
            .getMessage());
    IntensityFetchException absurd = nationalFailure(json(NATIONAL.formatted("266", "9999")));
    assertEquals(IntensityFetchError.IMPLAUSIBLE_VALUE, absurd.error());
    assertEquals(
        url + ": data[0].intensity.actual 9999: must be at most 5000 gCO2e/kWh, got 9999.0",
        absurd.getMessage());
  }

  @Test
  void errorAnswersQuoteTheApisMessage() {
    String url = stub.base() + "/intensity";
    IntensityFetchException failure =
        nationalFailure(
            status(
                500,
                "{\"error\": {  \"code\": \"500 Internal Server Error\","
                    + "  \"message\": \"Requested resource not found.\"  }}"));
    assertEquals(IntensityFetchError.HTTP_STATUS, failure.error());
    assertEquals(
        url + ": HTTP 500 Internal Server Error: Requested resource not found.",
        failure.getMessage());
  }

  @Test
  void postcodeAsksForTheOutwardCodeAndReadsTheRegionsForecast() throws Exception {
    stub.answer("/regional/postcode/RG41", json(REGIONAL.formatted("266")));
    assertEquals(
        new IntensityReading(266.0, HALF_HOUR, "North West England"), value(postcode.fetch()));
    assertEquals("", postcode.zone());
  }

  @Test
  void regionIdReadsTheSameShape() throws Exception {
    stub.answer("/regional/regionid/3", json(REGIONAL.formatted("144.5")));
    try (UkCarbonIntensityProvider region =
        UkCarbonIntensityProvider.region(vertx, stub.base(), 3, LIMITS)) {
      assertEquals(
          new IntensityReading(144.5, HALF_HOUR, "North West England"), value(region.fetch()));
    }
  }

  @Test
  void regionalAcceptsTheRegionAsABareObject() throws Exception {
    String asObject = REGIONAL.formatted("120").replaceFirst("\\[\\{\"regionid", "{\"regionid");
    asObject = asObject.substring(0, asObject.length() - 2) + "}";
    stub.answer("/regional/postcode/RG41", json(asObject));
    assertEquals(
        new IntensityReading(120.0, HALF_HOUR, "North West England"), value(postcode.fetch()));
  }

  @Test
  void regionalShapeErrorsNameTheNestedField() {
    String url = stub.base() + "/regional/postcode/RG41";
    stub.answer(
        "/regional/postcode/RG41",
        json("{\"data\":[{\"regionid\":3,\"shortname\":\"North West England\",\"data\":{}}]}"));
    assertEquals(
        url + ": data[0].data is an object, expected an array",
        failure(postcode.fetch()).getMessage());
    stub.answer(
        "/regional/postcode/RG41",
        status(
            400,
            "{\"error\":{\"code\":\"400 Bad Request\","
                + "\"message\":\"No postcode match can be found.\"}}"));
    assertEquals(
        url + ": HTTP 400 Bad Request: No postcode match can be found.",
        failure(postcode.fetch()).getMessage());
  }

  @Test
  void silentApiTimesOut() {
    stub.answer("/intensity", ProviderStub.silent());
    try (UkCarbonIntensityProvider impatient =
        UkCarbonIntensityProvider.national(
            vertx, stub.base(), new FetchLimits(Duration.ofMillis(150), 4096))) {
      IntensityFetchException failure = failure(impatient.fetch());
      assertEquals(IntensityFetchError.TIMEOUT, failure.error());
      assertEquals(
          stub.base() + "/intensity: no complete answer within 150 ms", failure.getMessage());
    }
  }

  @Test
  void garbageIsABadResponse() {
    IntensityFetchException failure = nationalFailure(json("<!doctype html><p>maintenance"));
    assertEquals(IntensityFetchError.BAD_RESPONSE, failure.error());
    assertTrue(
        failure.getMessage().startsWith(stub.base() + "/intensity: response is not valid JSON"),
        failure.getMessage());
  }

  @Test
  void configurationMistakesAreRefusedUpFront() {
    assertEquals(
        "UK postcode must be an outward code only, such as RG41 or SW1A (the part before the"
            + " space), got 'SW1A 1AA'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    UkCarbonIntensityProvider.postcode(
                        vertx, UkCarbonIntensityProvider.DEFAULT_BASE, "SW1A 1AA", LIMITS))
            .getMessage());
    assertEquals(
        "UK region id must be 1 to 17, got 18",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    UkCarbonIntensityProvider.region(
                        vertx, UkCarbonIntensityProvider.DEFAULT_BASE, 18, LIMITS))
            .getMessage());
  }
}
