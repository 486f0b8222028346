package io.tokenjoule.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code tokenjoule_server_info}: 1 for each model a server serves, labelled with the server's own
 * labels and {@code model}. Server-level series carry no {@code model} label (a server may serve
 * several, and the set may change); join them to their models through this series, e.g. {@code
 * tokenjoule_server_energy_joules_total and on (job, instance, server)
 * tokenjoule_server_info{model="m"}}. A model once seen stays listed, as its token counters do.
 * Called from the tick thread.
 */
final class ServerInfoMeters {

  private final MeterRegistry registry;
  private final Set<String> registered = new HashSet<>();

  ServerInfoMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the series of {@code model} on the server with {@code serverTags}, once. */
  void offer(Tags serverTags, String model) {
    Tags tags = serverTags.and("model", model);
    if (registered.add(tags.toString())) {
      Gauge.builder("tokenjoule.server.info", () -> 1)
          .description("The models a server serves: 1 per server and model.")
          .tags(tags)
          .strongReference(true)
          .register(registry);
    }
  }
}
