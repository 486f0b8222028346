package io.tokenjoule.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.rules.RuleFiles.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What promtool cannot check about the shipped rules: every alert says what happened and links a
 * runbook that exists, every alert has unit tests on both sides, and recording rules are named by
 * Prometheus's level:metric:operations convention.
 */
class AlertRulesTest {

  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  private static final List<String> RUNBOOK_SECTIONS =
      List.of("## Meaning", "## Impact", "## Diagnosis", "## Mitigation");
  private static final Pattern RECORDING_NAME =
      Pattern.compile("[a-z_]*:tokenjoule_[a-z0-9_]+:[a-z0-9_]+");

  @Test
  void theExpectedAlertsAreShipped() {
    Set<String> names =
        RuleFiles.alerts().stream().map(Rule::alert).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            Set.of(
                "TokenjouleEnergyPerTokenRegression",
                "TokenjouleGpuTelemetryLost",
                "TokenjouleInferenceScrapeDown",
                "TokenjouleAgentAbsent",
                "TokenjouleTickStalled",
                "TokenjouleGpuAtPowerLimit",
                "TokenjouleEnergyCostOverBudget",
                "TokenjouleGpuEnergyUnattributed",
                "TokenjouleGpuPowerDiscrepancy")),
        names);
  }

  @Test
  void everyAlertHasASeveritySummaryDescriptionAndRunbook() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Rule alert : RuleFiles.alerts()) {
      String name = alert.alert();
      if (!SEVERITIES.contains(alert.labels().get("severity"))) {
        problems.add(name + ": severity " + alert.labels().get("severity"));
      }
      for (String key : List.of("summary", "description")) {
        if (alert.annotations().getOrDefault(key, "").isBlank()) {
          problems.add(name + ": no " + key);
        }
      }
      String expectedUrl = RuleFiles.RUNBOOK_URL_PREFIX + name + ".md";
      if (!expectedUrl.equals(alert.annotations().get("runbook_url"))) {
        problems.add(
            name
                + ": runbook_url "
                + alert.annotations().get("runbook_url")
                + ", not "
                + expectedUrl);
      }
      Path runbook = RuleFiles.RUNBOOKS_DIR.resolve(name + ".md");
      if (!Files.isRegularFile(runbook)) {
        problems.add(name + ": no runbook " + runbook);
        continue;
      }
      String text = Files.readString(runbook);
      if (!text.startsWith("# " + name + "\n")) {
        problems.add(runbook + " does not start with the heading # " + name);
      }
      int last = -1;
      for (String section : RUNBOOK_SECTIONS) {
        int at = text.indexOf("\n" + section + "\n");
        if (at < 0 || at < last) {
          problems.add(runbook + ": no section " + section + " (in this order)");
        }
        last = at;
      }
      int diagnosis = text.indexOf("\n## Diagnosis\n");
      int mitigation = text.indexOf("\n## Mitigation\n");
      if (diagnosis >= 0
          && mitigation > diagnosis
          && !text.substring(diagnosis, mitigation).contains("```promql")) {
        problems.add(runbook + ": its diagnosis has no PromQL");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyRunbookBelongsToAnAlertAndIsListed() throws IOException {
    Set<String> alerts = RuleFiles.alerts().stream().map(Rule::alert).collect(Collectors.toSet());
    String index = Files.readString(RuleFiles.RUNBOOKS_DIR.resolve("README.md"));
    try (Stream<Path> files = Files.list(RuleFiles.RUNBOOKS_DIR)) {
      List<String> orphans =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".md") && !f.equals("README.md"))
              .map(f -> f.substring(0, f.length() - 3))
              .filter(name -> !alerts.contains(name))
              .toList();
      assertEquals(List.of(), orphans, "runbooks without an alert");
    }
    for (String alert : alerts) {
      assertTrue(index.contains("(" + alert + ".md)"), "the runbook index does not link " + alert);
    }
  }

  @Test
  void everyAlertHasUnitTestsThatFireAndThatStayQuiet() {
    Set<String> fire = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Path file : RuleFiles.testFiles()) {
      for (Map<String, Object> test : RuleFiles.maps(RuleFiles.load(file).get("tests"))) {
        for (Map<String, Object> check : RuleFiles.maps(test.get("alert_rule_test"))) {
          String alert = (String) check.get("alertname");
          (RuleFiles.maps(check.get("exp_alerts")).isEmpty() ? quiet : fire).add(alert);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Rule alert : RuleFiles.alerts()) {
      if (!fire.contains(alert.alert())) {
        missing.add(alert.alert() + " has no test case where it fires");
      }
      if (!quiet.contains(alert.alert())) {
        missing.add(alert.alert() + " has no test case where it must not fire");
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void recordingRulesFollowTheNamingConvention() {
    List<String> recorded = RuleFiles.recordedNames();
    assertFalse(recorded.isEmpty());
    List<String> badlyNamed =
        recorded.stream().filter(name -> !RECORDING_NAME.matcher(name).matches()).toList();
    assertEquals(List.of(), badlyNamed, "expected level:tokenjoule_metric:operations");
  }

  /**
   * A group's own {@code interval} would override the global evaluation interval, which the
   * dashboard integration test sets to 1 s.
   */
  @Test
  void noGroupOverridesTheGlobalEvaluationInterval() {
    for (Path file : RuleFiles.ruleFiles()) {
      for (Map<String, Object> group : RuleFiles.maps(RuleFiles.load(file).get("groups"))) {
        assertFalse(group.containsKey("interval"), file + " group " + group.get("name"));
      }
    }
  }
}
