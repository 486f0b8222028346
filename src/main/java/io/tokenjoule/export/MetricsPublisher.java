package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import java.util.List;
import java.util.Map;

/**
 * Publishes each tick to the registry: GPUs, servers and scrape health. Called from the tick
 * thread.
 */
public final class MetricsPublisher {

  private final GpuMeters gpus;
  private final ServerMeters servers;
  private final ScrapeMeters scrapes;

  public MetricsPublisher(MeterRegistry registry, String gpuSource, List<ScrapeTarget> targets) {
    this.gpus = new GpuMeters(registry, gpuSource);
    this.servers = new ServerMeters(registry, gpuSource);
    this.scrapes = new ScrapeMeters(registry, targets, gpuSource);
  }

  public void publish(AccountingSnapshot snapshot, Map<String, ScrapeOutcome> outcomes) {
    gpus.update(snapshot.gpus());
    servers.update(snapshot.servers());
    outcomes.forEach(scrapes::record);
  }
}
