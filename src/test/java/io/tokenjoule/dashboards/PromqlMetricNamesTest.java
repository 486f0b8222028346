package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlMetricNamesTest {

  @Test
  void findsTheMetricsOfARatioOfSums() {
    assertEquals(
        Set.of("tokenjoule_server_energy_joules_total", "tokenjoule_server_tokens_total"),
        PromqlMetricNames.of(
            "sum by (model) (increase(tokenjoule_server_energy_joules_total{job=~\"$job\","
                + " server=~\"$server\"}[$__rate_interval]))\n"
                + "  / (sum by (model) (increase(tokenjoule_server_tokens_total{kind=\"generated\"}"
                + "[$__rate_interval])) > 0) * 1e6"));
  }

  @Test
  void skipsLabelListsOfMatchingAndGrouping() {
    assertEquals(
        Set.of("tokenjoule_gpu_energy_joules_total", "tokenjoule_pue"),
        PromqlMetricNames.of(
            "sum by (job, instance) (rate(tokenjoule_gpu_energy_joules_total[5m]))\n"
                + "  * on (job, instance) group_left (zone) tokenjoule_pue"));
  }

  @Test
  void readsRecordingRuleNamesWithColonsAndSkipsKeywordsAndNumbers() {
    assertEquals(
        Set.of(":tokenjoule_energy_per_token_joules:ratio_rate5m", "up", "ALERTS"),
        PromqlMetricNames.of(
            ":tokenjoule_energy_per_token_joules:ratio_rate5m offset 1h30m > bool 1.5e+3"
                + " and up == 0 or count(ALERTS{alertname=~\"Tokenjoule.*\"}) or vector(0)"
                + " unless on() Inf"));
  }

  @Test
  void skipsStringsThatLookLikeMetrics() {
    assertEquals(
        Set.of("tokenjoule_gpu_up"),
        PromqlMetricNames.of(
            "label_replace(tokenjoule_gpu_up, \"x\", \"not_a_metric\", \"gpu\", \"(.*)\")"));
  }

  @Test
  void readsTheSelectorOfALabelValuesVariable() {
    assertEquals(
        Set.of("tokenjoule_server_tokens_total"),
        PromqlMetricNames.ofVariableQuery(
            "label_values(tokenjoule_server_tokens_total{job=~\"$job\", instance=~\"$instance\"},"
                + " server)"));
    assertEquals(Set.of(), PromqlMetricNames.ofVariableQuery("label_values(job)"));
  }
}
