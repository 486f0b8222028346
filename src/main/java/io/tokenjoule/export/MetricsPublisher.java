package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.kubernetes.PodIdentity;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes each tick to the registry: GPUs, servers, economics, regression and scrape health.
 * Called from the tick thread.
 */
public final class MetricsPublisher {

  private final GpuMeters gpus;
  private final ServerMeters servers;
  private final ScrapeMeters scrapes;
  private final TariffMeters tariff;
  private final StatusBoard status;
  private final ExpositionCache page;

  /**
   * @param economics the economics whose figures are published, if configured
   */
  public MetricsPublisher(
      MeterRegistry registry,
      String gpuSource,
      List<ScrapeTarget> targets,
      Optional<Economics> economics) {
    this(registry, gpuSource, targets, economics, Map.of(), false, null, null);
  }

  /**
   * Publishes also the servers' pods, to the status page, and has the {@code /metrics} page
   * rendered again once each tick is in the registry.
   *
   * @param pods the pod of each server that runs in a known one, by server name: its {@code
   *     tokenjoule_pod_info}
   * @param podLabels whether every server series carries {@code namespace}, {@code pod} and {@code
   *     container} labels (empty for a server in no pod)
   * @param status the status page's board, or null for none
   * @param page the cached {@code /metrics} page, or null for none
   */
  public MetricsPublisher(
      MeterRegistry registry,
      String gpuSource,
      List<ScrapeTarget> targets,
      Optional<Economics> economics,
      Map<String, PodIdentity> pods,
      boolean podLabels,
      StatusBoard status,
      ExpositionCache page) {
    this.status = status;
    this.page = page;
    this.gpus = new GpuMeters(registry, gpuSource);
    this.servers =
        new ServerMeters(
            registry,
            gpuSource,
            economics.map(EconomicsMeterSpecs::of).orElse(List.of()),
            server -> podLabels ? PodInfoMeters.tags(pods.get(server)) : Tags.empty());
    PodInfoMeters.register(registry, pods, gpuSource);
    this.scrapes = new ScrapeMeters(registry, targets, gpuSource);
    this.tariff = economics.map(e -> new TariffMeters(registry, e)).orElse(null);
  }

  /**
   * @param economics this tick's economics, or null when none are configured
   * @param regressions each server's regression view in the snapshot's order, or null when
   *     baselines are not tracked
   */
  public void publish(
      AccountingSnapshot snapshot,
      EconomicsSnapshot economics,
      List<RegressionView> regressions,
      Map<String, ScrapeOutcome> outcomes) {
    gpus.update(snapshot.gpus());
    List<ServerFigures> figures = new ArrayList<>(snapshot.servers().size());
    for (int i = 0; i < snapshot.servers().size(); i++) {
      figures.add(
          new ServerFigures(
              snapshot.servers().get(i),
              economics == null ? null : economics.servers().get(i),
              regressions == null ? null : regressions.get(i)));
    }
    servers.update(figures);
    if (tariff != null && economics != null) {
      tariff.update(economics);
    }
    outcomes.forEach(scrapes::record);
    if (status != null) {
      status.update(snapshot, economics, regressions, outcomes);
    }
    if (page != null) {
      page.newTick();
    }
  }
}
