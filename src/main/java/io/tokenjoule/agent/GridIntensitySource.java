package io.tokenjoule.agent;

import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.config.LiveCarbonConfig;
import io.tokenjoule.config.LiveCarbonConfig.ElectricityMaps;
import io.tokenjoule.config.LiveCarbonConfig.UkCarbonIntensity;
import io.tokenjoule.grid.CarbonIntensityProvider;
import io.tokenjoule.grid.ElectricityMapsProvider;
import io.tokenjoule.grid.FetchLimits;
import io.tokenjoule.grid.GridIntensity;
import io.tokenjoule.grid.IntensitySchedule;
import io.tokenjoule.grid.LiveIntensityPoller;
import io.tokenjoule.grid.ScheduleEntry;
import io.tokenjoule.grid.StaticIntensity;
import io.tokenjoule.grid.UkCarbonIntensityProvider;
import io.vertx.core.Vertx;
import java.net.URI;

/** The configured grid intensity, opened: static, by schedule, or polled from a live provider. */
final class GridIntensitySource implements AutoCloseable {

  private final GridIntensity intensity;
  private final LiveIntensityPoller poller;

  private GridIntensitySource(GridIntensity intensity, LiveIntensityPoller poller) {
    this.intensity = intensity;
    this.poller = poller;
  }

  /** Opens {@code config}; a live provider starts polling now. */
  static GridIntensitySource open(CarbonConfig config, Vertx vertx) {
    if (config.live().isPresent()) {
      LiveCarbonConfig live = config.live().get();
      LiveIntensityPoller poller =
          new LiveIntensityPoller(
                  vertx,
                  provider(live, vertx),
                  config.gramsPerKwh(),
                  live.refresh(),
                  live.maxStaleness())
              .start();
      return new GridIntensitySource(poller, poller);
    }
    if (config.schedule().isPresent()) {
      return new GridIntensitySource(schedule(config), null);
    }
    return new GridIntensitySource(new StaticIntensity(config.gramsPerKwh(), config.zone()), null);
  }

  static IntensitySchedule schedule(CarbonConfig config) {
    CarbonConfig.Schedule schedule = config.schedule().orElseThrow();
    return new IntensitySchedule(
        schedule.entries().stream()
            .map(e -> new ScheduleEntry(e.days(), e.fromHour(), e.toHour(), e.gramsPerKwh()))
            .toList(),
        config.gramsPerKwh(),
        schedule.timeZone(),
        config.zone());
  }

  static CarbonIntensityProvider provider(LiveCarbonConfig live, Vertx vertx) {
    FetchLimits limits = new FetchLimits(live.timeout(), FetchLimits.DEFAULTS.maxBodyBytes());
    if (live.provider() instanceof ElectricityMaps em) {
      URI base = live.url().orElse(ElectricityMapsProvider.DEFAULT_BASE);
      return em.zone().isPresent()
          ? ElectricityMapsProvider.forZone(vertx, base, em.zone().get(), em.authToken(), limits)
          : ElectricityMapsProvider.forLocation(
              vertx, base, em.latitude().get(), em.longitude().get(), em.authToken(), limits);
    }
    UkCarbonIntensity uk = (UkCarbonIntensity) live.provider();
    URI base = live.url().orElse(UkCarbonIntensityProvider.DEFAULT_BASE);
    if (uk.postcode().isPresent()) {
      return UkCarbonIntensityProvider.postcode(vertx, base, uk.postcode().get(), limits);
    }
    return uk.regionId().isPresent()
        ? UkCarbonIntensityProvider.region(vertx, base, uk.regionId().get(), limits)
        : UkCarbonIntensityProvider.national(vertx, base, limits);
  }

  GridIntensity intensity() {
    return intensity;
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.close();
    }
  }
}
