package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.BucketBaseline;
import io.tokenjoule.account.baseline.ExpectedFrom;
import io.tokenjoule.account.baseline.LoadBucket;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.Sample;
import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.scrape.ScrapeTarget;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsPublisherTest {

  private static final GpuIdentity GPU = new GpuIdentity(0, "GPU-abc", "NVIDIA H100 80GB HBM3");
  private static final EngineProfile PROFILE =
      new EngineProfile() {
        @Override
        public String engine() {
          return "vllm";
        }

        @Override
        public Set<String> sampleNames() {
          return Set.of();
        }

        @Override
        public EngineCounters extract(List<Sample> samples) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> recognise(Set<String> sampleNames) {
          return Optional.empty();
        }
      };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MetricsPublisher publisher =
      new MetricsPublisher(
          registry,
          "nvml",
          List.of(new ScrapeTarget("llama", URI.create("http://127.0.0.1:8000/metrics"), PROFILE)),
          Optional.empty());

  private static GpuAccount gpu(double energy, double power, GpuGauges gauges) {
    return new GpuAccount(GPU, true, null, EnergyMethod.COUNTER, energy, power, 300, gauges, 0);
  }

  private static ServerAccount server(double energy, double generated, double jPerToken) {
    return new ServerAccount(
        "llama",
        "vllm",
        false,
        true,
        List.of(new ModelAccount("meta/llama", 2 * generated, generated, 10)),
        energy,
        4,
        1,
        new IdleStats(120, 71.5),
        SplitEstimate.NOT_FITTED,
        new WindowStats(60, 600, 1000, 500, 10, 4, jPerToken, 0.4, 60, 0.01, 0.02));
  }

  @Test
  void exportsTheContractNamesWithTheirLabels() {
    GpuGauges gauges = new GpuGauges(700, 55, 0.9, 1.98e9, 7e10, 8e10);
    publisher.publish(
        new AccountingSnapshot(
            1, List.of(gpu(1234.5, 301, gauges)), List.of(server(600, 500, 1.2))),
        null,
        null,
        Map.of(
            "llama",
            new ScrapeOutcome.Success(
                new ServerReading(
                    1,
                    0,
                    new EngineCounters(
                        List.of(new ModelCounters("meta/llama", 1, 1, 1, 1)), 1, false)),
                0.002,
                3,
                100)));
    String page = registry.scrape();
    String gpuLabels = "gpu=\"0\",gpu_model=\"NVIDIA H100 80GB HBM3\"";
    assertTrue(
        page.contains(
            "tokenjoule_gpu_energy_joules_total{"
                + gpuLabels
                + ",method=\"counter\",source=\"nvml\",uuid=\"GPU-abc\"} 1234.5"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_gpu_power_watts{" + gpuLabels + ",source=\"nvml\",uuid=\"GPU-abc\"} 301.0"),
        page);
    assertTrue(page.contains("tokenjoule_gpu_up{" + gpuLabels), page);
    assertTrue(page.contains("tokenjoule_gpu_power_limit_watts{"), page);
    assertTrue(page.contains("tokenjoule_gpu_temperature_celsius{"), page);
    assertTrue(page.contains("tokenjoule_gpu_utilization_ratio{"), page);
    assertTrue(page.contains("tokenjoule_gpu_sm_clock_hertz{"), page);
    assertTrue(page.contains("tokenjoule_gpu_memory_used_bytes{"), page);
    String serverLabels = "engine=\"vllm\",server=\"llama\",source=\"nvml\"";
    String modelLabels = "engine=\"vllm\",model=\"meta/llama\",server=\"llama\",source=\"nvml\"";
    assertTrue(
        page.contains("tokenjoule_server_energy_joules_total{" + serverLabels + "} 600.0"), page);
    assertTrue(
        page.contains(
            "tokenjoule_server_tokens_total{engine=\"vllm\",kind=\"generated\",model=\"meta/llama\","
                + "server=\"llama\",source=\"nvml\"} 500.0"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_server_tokens_total{engine=\"vllm\",kind=\"prompt\",model=\"meta/llama\","
                + "server=\"llama\",source=\"nvml\"} 1000.0"),
        page);
    assertTrue(page.contains("tokenjoule_server_requests_total{" + modelLabels + "} 10.0"), page);
    assertTrue(page.contains("tokenjoule_server_info{" + modelLabels + "} 1"), page);
    assertTrue(
        page.contains(
            "tokenjoule_energy_per_token_joules{engine=\"vllm\",kind=\"generated\","
                + "server=\"llama\",source=\"nvml\"} 1.2"),
        page);
    assertTrue(page.contains("tokenjoule_energy_per_token_uncertainty_ratio{"), page);
    assertTrue(
        page.contains("tokenjoule_energy_per_request_joules{" + serverLabels + "} 60.0"), page);
    assertTrue(
        page.contains("tokenjoule_scrape_up{engine=\"vllm\",server=\"llama\",source=\"nvml\"} 1.0"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_scrape_duration_seconds{engine=\"vllm\",server=\"llama\",source=\"nvml\"} 0.002"),
        page);
  }

  @Test
  void unsupportedGaugesAreNotRegisteredAndIdleJoulesPerTokenIsAbsent() {
    publisher.publish(
        new AccountingSnapshot(
            1, List.of(gpu(10, Double.NaN, GpuGauges.UNKNOWN)), List.of(server(0, 0, Double.NaN))),
        null,
        null,
        Map.of("llama", new ScrapeOutcome.Failure(ScrapeError.TIMEOUT, "slow", 0.8)));
    String page = registry.scrape();
    assertFalse(page.contains("tokenjoule_gpu_temperature_celsius{"), page);
    assertFalse(page.contains("tokenjoule_gpu_power_watts{"), page);
    assertFalse(page.contains("kind=\"generated\",server=\"llama\",source=\"nvml\"} NaN"), page);
    assertTrue(
        page.contains("tokenjoule_scrape_up{engine=\"vllm\",server=\"llama\",source=\"nvml\"} 0.0"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_scrape_errors_total{engine=\"vllm\",reason=\"timeout\",server=\"llama\",source=\"nvml\"} 1.0"),
        page);
  }

  @Test
  void thePowerDiscrepancyIsPublishedWhenMeasuredAndAbsentOtherwise() {
    GpuAccount measured =
        new GpuAccount(
            GPU, true, null, EnergyMethod.COUNTER, 10, 1, 300, GpuGauges.UNKNOWN, 0, 0, 0.125);
    publisher.publish(
        new AccountingSnapshot(1, List.of(measured), List.of()), null, null, Map.of());
    assertTrue(
        registry
            .scrape()
            .contains(
                "tokenjoule_gpu_power_discrepancy_ratio{gpu=\"0\",gpu_model=\"NVIDIA H100 80GB"
                    + " HBM3\",source=\"nvml\",uuid=\"GPU-abc\"} 0.125"),
        registry.scrape());

    PrometheusMeterRegistry fresh = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new MetricsPublisher(fresh, "nvml", List.of(), Optional.empty())
        .publish(
            new AccountingSnapshot(1, List.of(gpu(10, 1, GpuGauges.UNKNOWN)), List.of()),
            null,
            null,
            Map.of());
    assertFalse(fresh.scrape().contains("tokenjoule_gpu_power_discrepancy_ratio"), fresh.scrape());
  }

  @Test
  void countersFollowTheLatestSnapshot() {
    GpuGauges gauges = GpuGauges.UNKNOWN;
    publisher.publish(
        new AccountingSnapshot(1, List.of(gpu(10, 1, gauges)), List.of(server(5, 1, 1))),
        null,
        null,
        Map.of());
    publisher.publish(
        new AccountingSnapshot(2, List.of(gpu(25, 1, gauges)), List.of(server(9, 3, 1))),
        null,
        null,
        Map.of());
    assertEquals(25, registry.get("tokenjoule.gpu.energy").functionCounter().count(), 1e-9);
    assertEquals(9, registry.get("tokenjoule.server.energy").functionCounter().count(), 1e-9);
  }

  @Test
  void aBucketThatIsNoLongerLearnedLosesItsBaselineGauge() {
    BucketBaseline low = new BucketBaseline(LoadBucket.of(20), 3, 0.30, 20, 1000, 2000);
    BucketBaseline high = new BucketBaseline(LoadBucket.of(40), 5, 0.25, 40, 1000, 2000);
    AccountingSnapshot snapshot =
        new AccountingSnapshot(1, List.of(), List.of(server(600, 500, 1.2)));
    publisher.publish(snapshot, null, List.of(regression(low, high)), Map.of());
    String before = registry.scrape();
    assertTrue(before.contains("load_bucket=\"16-32\""), before);
    assertTrue(before.contains("load_bucket=\"32-64\""), before);

    publisher.publish(snapshot, null, List.of(regression(high)), Map.of());
    String after = registry.scrape();
    assertFalse(after.contains("load_bucket=\"16-32\""), after);
    assertTrue(
        after.contains("tokenjoule_energy_per_token_baseline_joules{")
            && after.contains("load_bucket=\"32-64\""),
        after);
  }

  private static RegressionView regression(BucketBaseline... learned) {
    return new RegressionView(
        Optional.of(learned[learned.length - 1].bucket()),
        40,
        0.26,
        0.25,
        ExpectedFrom.values()[0],
        1.04,
        List.of(learned));
  }
}
