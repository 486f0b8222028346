package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.source.HostReading;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's own energy by domain: {@code tokenjoule_host_energy_joules_total{domain}}, registered
 * once the domain was first read (so it never jumps from 0 to the counter's value), and {@code
 * tokenjoule_host_energy_up{domain}}, 0 while the domain cannot be read (for example {@code
 * permission_denied}); both with the source's {@code source} label. A domain that goes down keeps
 * its counter at its last value. Updated from the tick thread; read from any.
 */
public final class HostEnergyMeters {

  /** One domain as last read: up or not, and its energy when it last was. */
  private record Domain(boolean up, double energyJoules) {}

  private static final List<MeterSpec<Domain>> METERS =
      List.of(
          MeterSpec.counter(
              "tokenjoule.host.energy",
              "joules",
              "The host's own energy by domain (RAPL: CPU packages, their parts, DRAM, platform),"
                  + " wrap-arounds undone.",
              Domain::energyJoules),
          MeterSpec.gauge(
              "tokenjoule.host.energy.up",
              null,
              "1 if the host energy domain was read this tick, else 0.",
              d -> d.up() ? 1 : 0));

  private final LazyMeters<Domain> meters;
  private final String source;
  private final Map<String, Domain> latest = new ConcurrentHashMap<>();

  public HostEnergyMeters(MeterRegistry registry, String source) {
    this.meters = new LazyMeters<>(registry, METERS);
    this.source = source;
  }

  /** Publishes this tick's readings, one per domain. */
  public void update(List<HostReading> readings) {
    for (HostReading reading : readings) {
      String name = reading.domain().name();
      Domain before = latest.getOrDefault(name, new Domain(false, Double.NaN));
      Domain now =
          reading instanceof HostReading.Up up
              ? new Domain(true, up.energyJoules())
              : new Domain(false, before.energyJoules());
      latest.put(name, now);
      meters.offer(name, Tags.of("domain", name, "source", source), now);
    }
  }
}
