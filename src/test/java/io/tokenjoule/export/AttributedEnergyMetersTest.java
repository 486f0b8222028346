package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.account.AttributedEnergy;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributedEnergyMetersTest {

  private static final String SERVER_LABELS = "engine=\"vllm\",server=\"llama\",source=\"nvml\"";
  private static final String GPU_LABELS =
      "gpu=\"1\",gpu_model=\"NVIDIA H100 80GB HBM3\",source=\"nvml\",uuid=\"GPU-b\"";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ServerMeters servers = new ServerMeters(registry, "nvml", List.of());
  private final GpuMeters gpus = new GpuMeters(registry, "nvml");

  private static ServerFigures server(AttributedEnergy attributed) {
    double total =
        attributed.exclusiveJoules()
            + attributed.smUtilizationJoules()
            + attributed.tokenShareJoules()
            + attributed.idleEvenJoules();
    return new ServerFigures(
        new ServerAccount(
            "llama",
            "vllm",
            false,
            true,
            List.of(new ModelAccount("meta/llama", 20, 10, 1)),
            total,
            4,
            0.5,
            new IdleStats(0, Double.NaN),
            SplitEstimate.NOT_FITTED,
            new WindowStats(60, 600, 1000, 500, 10, 4, 1.2, 0.4, 60, 0.01, 0.02),
            attributed),
        null,
        null);
  }

  private static GpuAccount gpu(double energy, double unattributed) {
    return new GpuAccount(
        new GpuIdentity(1, "GPU-b", "NVIDIA H100 80GB HBM3"),
        true,
        null,
        EnergyMethod.COUNTER,
        energy,
        300,
        300,
        GpuGauges.UNKNOWN,
        0,
        unattributed);
  }

  @Test
  void eachMethodThatAttributedEnergyHasItsSeriesBesideTheUnchangedTotal() {
    servers.update(List.of(server(new AttributedEnergy(0, 30, 50, 20))));
    String page = registry.scrape();

    assertTrue(
        page.contains("tokenjoule_server_energy_joules_total{" + SERVER_LABELS + "} 100.0"), page);
    assertTrue(page.contains(attributed("sm_utilization") + " 30.0"), page);
    assertTrue(page.contains(attributed("token_share") + " 50.0"), page);
    assertTrue(page.contains(attributed("idle_even") + " 20.0"), page);
    assertFalse(page.contains("method=\"exclusive\""), page);

    servers.update(List.of(server(new AttributedEnergy(0, 30, 80, 20))));
    assertTrue(registry.scrape().contains(attributed("token_share") + " 80.0"));
  }

  @Test
  void unattributedGpuEnergyIsACounterWithTheGpuLabelsAndNoMethod() {
    gpus.update(List.of(gpu(Double.NaN, Double.NaN)));
    assertFalse(registry.scrape().contains("tokenjoule_gpu_unattributed_energy_joules_total"));

    gpus.update(List.of(gpu(5000, 12.5)));
    String page = registry.scrape();

    assertTrue(
        page.contains("tokenjoule_gpu_unattributed_energy_joules_total{" + GPU_LABELS + "} 12.5"),
        page);
    assertTrue(
        page.contains("# TYPE tokenjoule_gpu_unattributed_energy_joules_total counter"), page);
  }

  private static String attributed(String method) {
    return "tokenjoule_server_attributed_energy_joules_total{engine=\"vllm\",method=\""
        + method
        + "\",server=\"llama\",source=\"nvml\"}";
  }
}
