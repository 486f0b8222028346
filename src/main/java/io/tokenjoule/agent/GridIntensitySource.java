package io.tokenjoule.agent;

import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.config.LiveCarbonConfig;
import io.tokenjoule.grid.GridIntensity;
import io.tokenjoule.grid.LiveIntensityPoller;
import io.tokenjoule.grid.StaticIntensity;
import io.vertx.core.Vertx;

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
                  live.open().apply(vertx),
                  config.gramsPerKwh(),
                  live.refresh(),
                  live.maxStaleness())
              .start();
      return new GridIntensitySource(poller, poller);
    }
    if (config.schedule().isPresent()) {
      return new GridIntensitySource(config.schedule().get(), null);
    }
    return new GridIntensitySource(new StaticIntensity(config.gramsPerKwh(), config.zone()), null);
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
