package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.kubernetes.PodIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pod labels on the exposition: with labels on, every server series carries namespace, pod and
 * container (empty for a server in no pod, so every series of a name has the same label names);
 * off, none does; {@code tokenjoule_pod_info} is there for servers in pods either way.
 */
class PodLabelsTest {

  private static final PodIdentity POD = new PodIdentity("team-a", "llama-0", "vllm", "uid-1");

  private static String page(boolean labels) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MetricsPublisher publisher =
        new MetricsPublisher(
            registry,
            "nvml",
            List.of(),
            Optional.empty(),
            Map.of("llama", POD),
            labels,
            null,
            null);
    publisher.publish(
        new AccountingSnapshot(1, List.of(), List.of(server("llama"), server("host-tgi"))),
        null,
        null,
        Map.of());
    return registry.scrape();
  }

  private static ServerAccount server(String name) {
    return new ServerAccount(
        name,
        "vllm",
        false,
        true,
        List.of(new ModelAccount("m", 2, 1, 1)),
        600,
        0,
        0,
        new IdleStats(0, Double.NaN),
        SplitEstimate.NOT_FITTED,
        new WindowStats(60, 600, 1000, 500, 10, 4, 1.2, 0.4, 60, 0.01, 0.02));
  }

  @Test
  void withLabelsEveryServerSeriesNamesItsPodAndTheHostServerNone() {
    String page = page(true);
    assertTrue(
        page.contains(
            "tokenjoule_server_energy_joules_total{container=\"vllm\",engine=\"vllm\","
                + "namespace=\"team-a\",pod=\"llama-0\",server=\"llama\",source=\"nvml\"} 600.0"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_server_tokens_total{container=\"vllm\",engine=\"vllm\",kind=\"generated\","
                + "model=\"m\",namespace=\"team-a\",pod=\"llama-0\",server=\"llama\""),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_server_energy_joules_total{container=\"\",engine=\"vllm\","
                + "namespace=\"\",pod=\"\",server=\"host-tgi\",source=\"nvml\"} 600.0"),
        page);
    assertTrue(
        page.contains(
            "tokenjoule_pod_info{container=\"vllm\",namespace=\"team-a\",pod=\"llama-0\","
                + "server=\"llama\",source=\"nvml\"} 1\n"),
        page);
    assertFalse(page.contains("tokenjoule_pod_info{container=\"\""), "no info for host servers");
  }

  @Test
  void withoutLabelsOnlyTheInfoSeriesNamesThePod() {
    String page = page(false);
    assertTrue(
        page.contains(
            "tokenjoule_server_energy_joules_total{engine=\"vllm\",server=\"llama\","
                + "source=\"nvml\"} 600.0"),
        page);
    assertFalse(
        page.contains(
            "namespace=\"team-a\",pod=\"llama-0\",server=\"llama\",source=\"nvml\"} 600"));
    assertTrue(page.contains("tokenjoule_pod_info{container=\"vllm\",namespace=\"team-a\""), page);
  }
}
