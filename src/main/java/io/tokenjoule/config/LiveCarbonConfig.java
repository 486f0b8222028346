package io.tokenjoule.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A live carbon-intensity provider as configured; the agent opens it once its event loop runs.
 *
 * @param provider which provider, and what it is asked for
 * @param url the provider's API base URL instead of its public one, for a proxy or a test
 * @param timeout the most one request may take
 * @param refresh how often it is asked
 * @param maxStaleness how old its last value may get before the static value replaces it
 */
public record LiveCarbonConfig(
    Provider provider,
    Optional<URI> url,
    Duration timeout,
    Duration refresh,
    Duration maxStaleness) {

  public LiveCarbonConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(maxStaleness, "maxStaleness");
  }

  /** A provider and what it is asked for. */
  public sealed interface Provider permits ElectricityMaps, UkCarbonIntensity {
    /** Its name in configuration, {@code electricitymaps} or {@code ukcarbonintensity}. */
    String name();
  }

  /**
   * Electricity Maps, for a zone, or else for a location.
   *
   * @param authToken the API token, read from {@code auth_token_file}
   */
  public record ElectricityMaps(
      String authToken,
      Optional<String> zone,
      Optional<Double> latitude,
      Optional<Double> longitude)
      implements Provider {

    public static final String NAME = "electricitymaps";

    public ElectricityMaps {
      Objects.requireNonNull(authToken, "authToken");
      Objects.requireNonNull(zone, "zone");
      if (zone.isEmpty() && (latitude.isEmpty() || longitude.isEmpty())) {
        throw new IllegalArgumentException(
            "electricitymaps needs a zone, or a latitude and a longitude");
      }
    }

    @Override
    public String name() {
      return NAME;
    }
  }

  /**
   * The UK Carbon Intensity API: for a postcode's outward code, else for a region, else national.
   *
   * @param regionId 1 to {@value #MAX_REGION_ID}
   */
  public record UkCarbonIntensity(Optional<String> postcode, Optional<Integer> regionId)
      implements Provider {

    public static final String NAME = "ukcarbonintensity";

    /** The highest region id the API knows. */
    public static final int MAX_REGION_ID = 17;

    public UkCarbonIntensity {
      Objects.requireNonNull(postcode, "postcode");
      Objects.requireNonNull(regionId, "regionId");
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
