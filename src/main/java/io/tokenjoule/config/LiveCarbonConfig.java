package io.tokenjoule.config;

import io.tokenjoule.grid.CarbonIntensityProvider;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A live carbon-intensity provider, ready to open once Vert.x runs.
 *
 * @param provider the provider's name, {@code electricitymaps} or {@code ukcarbonintensity}
 * @param open opens the provider on the agent's Vert.x
 * @param refresh how often it is asked
 * @param maxStaleness how old its last value may get before the static value replaces it
 */
public record LiveCarbonConfig(
    String provider,
    Function<Vertx, CarbonIntensityProvider> open,
    Duration refresh,
    Duration maxStaleness) {

  public LiveCarbonConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(maxStaleness, "maxStaleness");
  }
}
