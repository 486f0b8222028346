package io.tokenjoule.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.grid.CarbonIntensity;
import io.tokenjoule.grid.GridIntensity;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * The grid's carbon intensity as the agent uses it now: {@code
 * tokenjoule_grid_carbon_intensity_grams_per_kwh}, the live value's age, and whether the static
 * fallback replaced a stale live value. Labels {@code provider} and {@code zone}, from the
 * configuration. Read at scrape time from the intensity source, which is thread-safe.
 */
public final class GridMeters {

  private GridMeters() {}

  public static void register(MeterRegistry registry, GridIntensity grid, Clock clock) {
    CarbonIntensity first = grid.at(clock.instant());
    Tags tags = Tags.of("provider", first.provider(), "zone", first.zone());
    gauge(
        registry,
        "tokenjoule.grid.carbon.intensity.grams.per.kwh",
        "Grid carbon intensity in use now, gCO2e per kWh.",
        tags,
        grid,
        clock,
        CarbonIntensity::gramsPerKwh);
    gauge(
        registry,
        "tokenjoule.grid.carbon.intensity.age.seconds",
        "Age of the live carbon-intensity value in use (0 for static and scheduled values).",
        tags,
        grid,
        clock,
        CarbonIntensity::ageSeconds);
    gauge(
        registry,
        "tokenjoule.grid.carbon.intensity.fallback",
        "1 while the static intensity replaces a live value that is stale or never came.",
        tags,
        grid,
        clock,
        c -> c.fallback() ? 1 : 0);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      GridIntensity grid,
      Clock clock,
      ToDoubleFunction<CarbonIntensity> value) {
    Gauge.builder(name, grid, g -> value.applyAsDouble(g.at(clock.instant())))
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
