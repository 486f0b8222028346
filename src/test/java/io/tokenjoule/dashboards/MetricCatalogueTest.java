package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {

  private static final String DESIGN_EXCERPT =
      String.join(
          "\n",
          "## Metric contract (Prometheus names)",
          "| metric | type | meaning |",
          "|---|---|---|",
          "| `tokenjoule_gpu_energy_joules_total` | counter | GPU energy |",
          "| `tokenjoule_gpu_power_limit_watts`, `_temperature_celsius`, `_sm_clock_hertz` | gauge | per GPU |",
          "| `tokenjoule_server_tokens_total{kind=\"prompt\\|generated\"}` | counter | tokens |",
          "| `tokenjoule_energy_cost_per_million_tokens{currency}` | gauge | all-in, `PUE` applied |",
          "",
          "Default HTTP port: 9847.",
          "",
          "## Inference servers",
          "| `vllm:prompt_tokens_total` | counter | not ours |");

  @Test
  void readsTheContractTableWithItsAbbreviationsAndLabelLists() {
    assertEquals(
        Set.of(
            "tokenjoule_gpu_energy_joules_total",
            "tokenjoule_gpu_power_limit_watts",
            "tokenjoule_gpu_temperature_celsius",
            "tokenjoule_gpu_sm_clock_hertz",
            "tokenjoule_server_tokens_total",
            "tokenjoule_energy_cost_per_million_tokens"),
        MetricCatalogue.contractNames(DESIGN_EXCERPT));
  }

  @Test
  void theRealContractParsesToTheNamesDashboardsBuildOn() {
    Optional<Set<String>> contract = MetricCatalogue.contract();
    assumeTrue(
        contract.isPresent(),
        MetricCatalogue.DESIGN.toAbsolutePath().normalize()
            + " is absent; CI keeps the shared design document beside the checkout");
    Set<String> names = contract.get();
    for (String name :
        Set.of(
            "tokenjoule_gpu_energy_joules_total",
            "tokenjoule_gpu_temperature_celsius",
            "tokenjoule_server_tokens_total",
            "tokenjoule_server_energy_joules_total",
            "tokenjoule_energy_per_token_regression_ratio")) {
      assertTrue(names.contains(name), name + " missing from " + names);
    }
    assertTrue(names.stream().allMatch(n -> n.startsWith("tokenjoule_")), names.toString());
  }

  @Test
  void theAgentListHasTodaysAndIssueFoursNames() {
    Set<String> names = MetricCatalogue.agentNames();
    assertTrue(names.contains("tokenjoule_gpu_power_sampled_watts"));
    assertTrue(names.contains("tokenjoule_server_energy_cost_total"));
    assertTrue(names.contains("tokenjoule_server_info"));
    assertTrue(
        names.stream().allMatch(n -> n.startsWith("tokenjoule_") || n.startsWith("process_")),
        names.toString());
  }
}
