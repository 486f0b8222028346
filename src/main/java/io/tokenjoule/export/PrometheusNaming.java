package io.tokenjoule.export;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry the agent exports, with the two Micrometer binder meters whose names break
 * Prometheus naming rules (as {@code promtool check metrics} reports them) fixed at the source:
 * {@code process.cpu.time} is in nanoseconds under an abbreviated unit, and is dropped (process CPU
 * usage is exported); {@code system.cpu.count} ends in a reserved suffix, and is renamed.
 */
public final class PrometheusNaming {

  private PrometheusNaming() {}

  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count")
                    ? id.withName("system.cpu.logical.processors")
                    : id;
              }
            });
    return registry;
  }
}
