package io.tokenjoule.grid;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The current half hour's carbon intensity of Great Britain from the National Grid ESO Carbon
 * Intensity API (no key). National: {@code GET {base}/intensity}, reading {@code
 * data[0].intensity.actual}, or its {@code forecast} while the actual is still null. Regional:
 * {@code GET {base}/regional/postcode/{outward code}} or {@code /regional/regionid/{id}}, reading
 * {@code data[0].data[0].intensity.forecast} (regions have no actual), zone {@code
 * data[0].shortname}. {@code validAt} is the half hour's {@code from}. An error answer's {@code
 * error.message} is quoted in the failure. Thread-safe.
 */
public final class UkCarbonIntensityProvider implements CarbonIntensityProvider {

  public static final String NAME = "ukcarbonintensity";
  public static final URI DEFAULT_BASE = URI.create("https://api.carbonintensity.org.uk");

  /** The zone reported for national values. */
  public static final String NATIONAL_ZONE = "GB";

  /** Highest documented region id (1 to 14 are DNO regions; 15 England, 16 Scotland, 17 Wales). */
  public static final int MAX_REGION_ID = 17;

  private static final Pattern OUTWARD_CODE = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");

  private final JsonFetcher fetcher;
  private final String url;
  private final boolean regional;

  private UkCarbonIntensityProvider(Vertx vertx, String url, boolean regional, FetchLimits limits) {
    this.url = url;
    this.regional = regional;
    this.fetcher = new JsonFetcher(Objects.requireNonNull(vertx, "vertx"), limits);
  }

  /** Great Britain as a whole; zone {@value #NATIONAL_ZONE}. */
  public static UkCarbonIntensityProvider national(Vertx vertx, URI base, FetchLimits limits) {
    return new UkCarbonIntensityProvider(
        vertx, ProviderUrls.join(base, "/intensity"), false, limits);
  }

  /**
   * The region containing an outward postcode (the part before the space: {@code RG41}, {@code
   * SW1A}); case and surrounding blanks are ignored.
   *
   * @throws IllegalArgumentException for a full postcode or anything else that is not an outward
   *     code
   */
  public static UkCarbonIntensityProvider postcode(
      Vertx vertx, URI base, String outwardPostcode, FetchLimits limits) {
    Objects.requireNonNull(outwardPostcode, "outwardPostcode");
    String code = outwardPostcode.strip().toUpperCase(Locale.ROOT);
    if (!OUTWARD_CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "UK postcode must be an outward code only, such as RG41 or SW1A (the part before the"
              + " space), got '"
              + outwardPostcode
              + "'");
    }
    return new UkCarbonIntensityProvider(
        vertx, ProviderUrls.join(base, "/regional/postcode/" + code), true, limits);
  }

  /** A region by its id, 1 to {@value #MAX_REGION_ID}. */
  public static UkCarbonIntensityProvider region(
      Vertx vertx, URI base, int regionId, FetchLimits limits) {
    if (regionId < 1 || regionId > MAX_REGION_ID) {
      throw new IllegalArgumentException(
          "UK region id must be 1 to " + MAX_REGION_ID + ", got " + regionId);
    }
    return new UkCarbonIntensityProvider(
        vertx, ProviderUrls.join(base, "/regional/regionid/" + regionId), true, limits);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@value #NATIONAL_ZONE} for national values; empty for a region until its name is known. */
  @Override
  public String zone() {
    return regional ? "" : NATIONAL_ZONE;
  }

  public String url() {
    return url;
  }

  @Override
  public Future<IntensityReading> fetch() {
    return fetcher.get(
        url,
        Map.of(),
        UkCarbonIntensityProvider::errorMessage,
        regional ? this::regional : this::national);
  }

  private IntensityReading national(JsonAt root) throws BadResponse {
    return halfHour(root.field("data").first(), NATIONAL_ZONE);
  }

  private IntensityReading regional(JsonAt root) throws BadResponse {
    JsonAt data = root.field("data");
    // Documented as a one-element array; the dated regional endpoints answer a bare object.
    JsonAt region = data.isObject() ? data : data.first();
    String zone = region.field("shortname").textOr("");
    return halfHour(region.field("data").first(), zone);
  }

  private static IntensityReading halfHour(JsonAt period, String zone) throws BadResponse {
    JsonAt intensity = period.field("intensity");
    JsonAt actual = intensity.field("actual");
    // The actual is null until the half hour has been measured; the forecast stands in.
    double grams =
        actual.isAbsent() ? intensity.field("forecast").gramsPerKwh() : actual.gramsPerKwh();
    return new IntensityReading(grams, period.field("from").instant(), zone);
  }

  private static String errorMessage(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return error.textValue();
    }
    JsonNode message = error.path("message");
    return message.isTextual() ? message.textValue() : null;
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
