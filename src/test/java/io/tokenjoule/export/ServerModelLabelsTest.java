package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.split.SplitEstimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that starts serving a second model keeps its server-level series as they were (no {@code
 * model} label, no comma-joined value); its models are listed by {@code tokenjoule_server_info} and
 * its tokens stay per model.
 */
class ServerModelLabelsTest {

  private static final String SERVER = "engine=\"llamacpp\",server=\"router\",source=\"nvml\"";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ServerMeters servers = new ServerMeters(registry, "nvml", List.of());

  private static ServerFigures server(double energy, List<ModelAccount> models) {
    return new ServerFigures(
        new ServerAccount(
            "router",
            "llamacpp",
            false,
            true,
            models,
            energy,
            2,
            1,
            new IdleStats(0, Double.NaN),
            SplitEstimate.NOT_FITTED,
            new WindowStats(60, 600, 1000, 500, 10, 2, 1.2, 0.4, 60, 0.01, 0.02)),
        null,
        null);
  }

  @Test
  void aSecondModelAddsAnInfoSeriesAndLeavesTheServerSeriesAlone() {
    servers.update(List.of(server(100, List.of(new ModelAccount("a", 20, 10, 1)))));
    assertTrue(
        registry.scrape().contains("tokenjoule_server_energy_joules_total{" + SERVER + "} 100.0"));

    servers.update(
        List.of(
            server(
                250, List.of(new ModelAccount("a", 30, 15, 2), new ModelAccount("b", 7, 3, 1)))));
    String page = registry.scrape();

    assertEquals(
        List.of("tokenjoule_server_energy_joules_total{" + SERVER + "} 250.0"),
        lines(page, "tokenjoule_server_energy_joules_total{"));
    assertEquals(1, lines(page, "tokenjoule_energy_per_token_joules{engine").size() / 2);
    assertTrue(page.contains("tokenjoule_server_info{" + model("a") + "} 1"), page);
    assertTrue(page.contains("tokenjoule_server_info{" + model("b") + "} 1"), page);
    assertTrue(
        page.contains(
            "tokenjoule_server_tokens_total{engine=\"llamacpp\",kind=\"generated\",model=\"b\","
                + "server=\"router\",source=\"nvml\"} 3.0"),
        page);
    assertFalse(page.contains("model=\"a,b\""), page);
  }

  @Test
  void cachedPromptTokensAreACounterOfTheirOwnOnlyWhereTheEngineTellsThemApart() {
    servers.update(
        List.of(
            server(
                100,
                List.of(new ModelAccount("a", 30, 15, 2, 12), new ModelAccount("b", 7, 3, 1)))));
    String page = registry.scrape();
    assertEquals(
        List.of("tokenjoule_server_cached_prompt_tokens_total{" + model("a") + "} 12.0"),
        lines(page, "tokenjoule_server_cached_prompt_tokens_total{"));
    assertTrue(
        page.contains(
            "tokenjoule_server_tokens_total{engine=\"llamacpp\",kind=\"prompt\",model=\"a\","
                + "server=\"router\",source=\"nvml\"} 30.0"),
        page);
  }

  @Test
  void eachFittedFigureHasItsRelativeStandardErrorBesideIt() {
    SplitEstimate split =
        new SplitEstimate(
            0.5,
            2.0,
            100,
            0.9,
            0.125,
            0.25,
            5,
            io.tokenjoule.account.split.SplitStatus.PUBLISHED,
            10,
            50);
    ServerFigures figures = server(100, List.of(new ModelAccount("a", 20, 10, 1)));
    ServerAccount a = figures.account();
    servers.update(
        List.of(
            new ServerFigures(
                new ServerAccount(
                    a.name(),
                    a.engine(),
                    a.simulated(),
                    a.up(),
                    a.models(),
                    a.energyJoulesTotal(),
                    a.runningRequests(),
                    a.gpuShare(),
                    a.idle(),
                    split,
                    a.window()),
                null,
                null)));
    String page = registry.scrape();
    assertEquals(
        List.of("tokenjoule_prefill_energy_per_token_uncertainty_ratio{" + SERVER + "} 0.25"),
        lines(page, "tokenjoule_prefill_energy_per_token_uncertainty_ratio{"));
    assertEquals(
        List.of("tokenjoule_decode_energy_per_token_uncertainty_ratio{" + SERVER + "} 0.125"),
        lines(page, "tokenjoule_decode_energy_per_token_uncertainty_ratio{"));
  }

  @Test
  void anUnfittedSplitHasNoUncertaintyGauges() {
    servers.update(List.of(server(100, List.of(new ModelAccount("a", 20, 10, 1)))));
    assertFalse(
        registry
            .scrape()
            .contains(
                "energy_per_token_uncertainty_ratio{engine=\"llamacpp\",server"
                    + "=\"router\",source=\"nvml\"} NaN"));
    assertTrue(
        lines(registry.scrape(), "tokenjoule_prefill_energy_per_token_uncertainty_ratio{")
            .isEmpty());
  }

  private static String model(String name) {
    return "engine=\"llamacpp\",model=\"" + name + "\",server=\"router\",source=\"nvml\"";
  }

  private static List<String> lines(String page, String prefix) {
    return page.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
