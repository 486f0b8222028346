package io.tokenjoule.grid;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The latest carbon intensity of a zone from the Electricity Maps API v3: {@code GET
 * {base}/v3/carbon-intensity/latest?zone=ZONE} (or {@code ?lat=..&lon=..}) with the {@code
 * auth-token} header. Reads {@code carbonIntensity} (gCO2eq/kWh, required), {@code datetime} (the
 * hour the value is for, required) and {@code zone} (optional; the asked zone otherwise). An error
 * answer's {@code error} (or {@code message}) text is quoted in the failure. The token never
 * appears in a message. Thread-safe.
 */
public final class ElectricityMapsProvider implements CarbonIntensityProvider {

  public static final String NAME = "electricitymaps";
  public static final URI DEFAULT_BASE = URI.create("https://api.electricitymap.org");

  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_-]+");

  private final JsonFetcher fetcher;
  private final String url;
  private final String zone;
  private final Map<String, String> headers;

  private ElectricityMapsProvider(
      Vertx vertx, String url, String zone, String authToken, FetchLimits limits) {
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isBlank()) {
      throw new IllegalArgumentException("Electricity Maps auth token must not be blank");
    }
    this.url = url;
    this.zone = zone;
    this.headers = Map.of("auth-token", authToken);
    this.fetcher = new JsonFetcher(Objects.requireNonNull(vertx, "vertx"), limits);
  }

  /**
   * The latest value of zone {@code zone} (an Electricity Maps zone key such as {@code DE}, {@code
   * US-CAL-CISO}).
   *
   * @param base the API's base URL, normally {@link #DEFAULT_BASE}
   * @throws IllegalArgumentException for a blank or malformed zone or token, or a bad base URL
   */
  public static ElectricityMapsProvider forZone(
      Vertx vertx, URI base, String zone, String authToken, FetchLimits limits) {
    Objects.requireNonNull(zone, "zone");
    if (!ZONE.matcher(zone).matches()) {
      throw new IllegalArgumentException(
          "Electricity Maps zone must be a zone key such as DE or US-CAL-CISO, got '" + zone + "'");
    }
    String url =
        ProviderUrls.join(base, "/v3/carbon-intensity/latest?zone=" + ProviderUrls.encode(zone));
    return new ElectricityMapsProvider(vertx, url, zone, authToken, limits);
  }

  /**
   * The latest value of the zone containing a location; the zone is learnt from the answer.
   *
   * @param latitude degrees, -90 to 90
   * @param longitude degrees, -180 to 180
   */
  public static ElectricityMapsProvider forLocation(
      Vertx vertx,
      URI base,
      double latitude,
      double longitude,
      String authToken,
      FetchLimits limits) {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be -90 to 90, got " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be -180 to 180, got " + longitude);
    }
    String url =
        ProviderUrls.join(
            base,
            "/v3/carbon-intensity/latest?lat="
                + BigDecimal.valueOf(latitude).toPlainString()
                + "&lon="
                + BigDecimal.valueOf(longitude).toPlainString());
    return new ElectricityMapsProvider(vertx, url, "", authToken, limits);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String zone() {
    return zone;
  }

  /** The URL fetched, without the token. */
  public String url() {
    return url;
  }

  @Override
  public Future<IntensityReading> fetch() {
    return fetcher.get(url, headers, ElectricityMapsProvider::errorMessage, this::parse);
  }

  private IntensityReading parse(JsonAt root) throws BadResponse {
    double grams = root.field("carbonIntensity").gramsPerKwh();
    return new IntensityReading(
        grams, root.field("datetime").instant(), root.field("zone").textOr(zone));
  }

  private static String errorMessage(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return error.textValue();
    }
    JsonNode message = body.path("message");
    return message.isTextual() ? message.textValue() : null;
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
