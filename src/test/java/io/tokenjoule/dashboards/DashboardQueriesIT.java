package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.dashboards.Dashboard.Panel;
import io.tokenjoule.dashboards.Dashboard.Target;
import io.tokenjoule.dashboards.Dashboard.TemplateVariable;
import io.tokenjoule.dashboards.PanelQueryChecker.PanelQuery;
import io.tokenjoule.dashboards.PanelQueryChecker.Verdict;
import io.tokenjoule.rules.PrometheusBinaries;
import io.tokenjoule.rules.RuleFiles;
import io.tokenjoule.simulate.GroundTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel query of every shipped dashboard, run through a real Prometheus that scrapes the demo
 * agent every second with the shipped rules loaded (evaluated every second too): each must return
 * data, and finite data. Also: every template variable finds values, every recording rule writes
 * data and evaluates without error, the healthy demo raises no alert, and the fleet J/token
 * recording rule matches the simulator's ground truth within 1%.
 *
 * <p>Panels that fail are reported one by one (one dynamic test each) with the dashboard, the
 * panel, the query as sent and what came back. The test waits until every panel has data, or {@code
 * tokenjoule.dashboards.waitSeconds} (default 60) after Prometheus started, whichever comes first.
 *
 * <p>It runs twice, by its subclasses: at the agent's default PUE of 1, where cost and carbon say
 * {@code scope="it"} ({@link DashboardQueriesAtDefaultPueIT}), and at PUE 1.3, where they say
 * {@code scope="facility"} ({@link DashboardQueriesAtPue13IT}). Every panel must have data at both.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class DashboardQueriesIT {

  private static final Duration SCRAPE_AND_EVALUATION = Duration.ofSeconds(1);
  private static final long MIN_DATA_SECONDS = 20;
  private static final long WAIT_SECONDS = Long.getLong("tokenjoule.dashboards.waitSeconds", 60);
  private static final double TRUTH_TOLERANCE = 0.01;
  private static final String FLEET_RULE = ":tokenjoule_energy_per_token_joules:ratio_rate5m";

  /** A typical dashboard range for a node that has run only minutes: Grafana's "Last 6 hours". */
  private static final String LONG_RANGE_SECONDS = Long.toString(6 * 3600);

  private static final double RANGE_TOLERANCE = 0.01;

  private final double pue;
  private final String scope;
  private DemoNode demo;
  private LocalPrometheus prometheus;
  private PanelQueryChecker checker;
  private double prometheusStartedEpoch;
  private final List<Dashboard> dashboards = Dashboard.loadShipped();
  private final List<Verdict> reported = new ArrayList<>();

  DashboardQueriesIT(double pue, String scope) {
    this.pue = pue;
    this.scope = scope;
  }

  @BeforeAll
  void startDemoAndPrometheusAndWaitForData(@TempDir Path work) throws Exception {
    Optional<Path> binary = PrometheusBinaries.prometheus();
    assumeTrue(binary.isPresent(), "prometheus" + PrometheusBinaries.MISSING);
    demo = DemoNode.start(Duration.ofSeconds(1), Duration.ofSeconds(60), pue);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!demo.accounting() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(demo.accounting(), "the demo agent accounted no tick in 20 s");
    // A few seconds of counters before the first scrape: rate() then extrapolates every series by
    // the same half interval, and the ratio of two rates stays the ratio of the increases.
    Thread.sleep(3_000);
    prometheus =
        LocalPrometheus.start(
            binary.get(),
            work,
            demo.agentAddress(),
            RuleFiles.ruleFiles(),
            SCRAPE_AND_EVALUATION,
            Duration.ofSeconds(60));
    prometheusStartedEpoch = nowEpoch();
    checker = new PanelQueryChecker(prometheus.api());
    waitForData();
  }

  @AfterAll
  void stop() {
    if (!reported.isEmpty()) {
      long failed = reported.stream().filter(v -> !v.passed()).count();
      System.out.printf(
          Locale.ROOT,
          "DashboardQueriesIT at PUE %s: %d of %d panel queries returned finite data%n",
          pue,
          reported.size() - failed,
          reported.size());
      reported.stream()
          .filter(v -> !v.passed())
          .forEach(v -> System.out.println("  no data: " + v.query().name() + ": " + v.cameBack()));
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyPanelQueryReturnsFiniteData() {
    return dashboards.stream()
        .flatMap(
            d -> {
              DashboardVariables.Resolution variables =
                  DashboardVariables.resolve(d, prometheus.api());
              return d.dataPanels().stream()
                  .flatMap(
                      p ->
                          p.targets().stream()
                              .map(
                                  t ->
                                      DynamicTest.dynamicTest(
                                          d.title() + " / " + p.title() + " / " + t.refId(),
                                          () -> {
                                            Verdict verdict = check(d, p, t, variables);
                                            synchronized (reported) {
                                              reported.add(verdict);
                                            }
                                            assertTrue(verdict.passed(), verdict.report());
                                          })));
            });
  }

  @TestFactory
  Stream<DynamicTest> everyTemplateVariableFindsValues() {
    return dashboards.stream()
        .flatMap(
            d ->
                d.variables().stream()
                    .filter(v -> v.type().equals("query"))
                    .map(
                        v ->
                            DynamicTest.dynamicTest(
                                d.title() + " / variable " + v.name(),
                                () -> assertVariableFindsValues(d, v))));
  }

  @TestFactory
  Stream<DynamicTest> everyRecordingRuleWritesFiniteData() {
    return RuleFiles.recordedNames().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    "recording rule " + name,
                    () -> {
                      Verdict verdict =
                          checker.check(new PanelQuery("recording rules", name, "-", name));
                      assertTrue(verdict.passed(), verdict.report());
                    }));
  }

  @Test
  void everyRuleEvaluatesWithoutError() {
    PrometheusApi.Answer answer = prometheus.api().get("/api/v1/rules");
    assertTrue(answer.succeeded(), answer.shortBody(500));
    List<String> unhealthy = new ArrayList<>();
    int rules = 0;
    for (JsonNode group : answer.json().path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        rules++;
        if (!"ok".equals(rule.path("health").asText())) {
          unhealthy.add(
              rule.path("name").asText()
                  + ": "
                  + rule.path("health").asText()
                  + " "
                  + rule.path("lastError").asText());
        }
      }
    }
    assertEquals(RuleFiles.rules().size(), rules, "rules Prometheus loaded");
    assertEquals(List.of(), unhealthy);
  }

  /** The premise of the run: the agent publishes cost and carbon under the scope of its PUE. */
  @Test
  void costAndCarbonCarryTheScopeOfThePue() {
    for (String metric :
        List.of("tokenjoule_server_energy_cost_total", "tokenjoule_server_carbon_grams_total")) {
      List<String> scopes = prometheus.api().labelValues("scope", metric);
      assertEquals(List.of(scope), scopes, metric + " at PUE " + pue);
    }
  }

  /**
   * A stat panel shows the same figure whether the dashboard's range is the few minutes the node
   * has run or Grafana's "Last 6 hours": on a fresh install it shows right figures at once, rather
   * than a rate diluted over hours without data.
   */
  @TestFactory
  Stream<DynamicTest> statPanelsReadTheSameOverALongerRange() {
    double at = nowEpoch();
    Map<String, String> sinceStart = grafanaBuiltIns();
    Map<String, String> sixHours = new HashMap<>(sinceStart);
    sixHours.put("__range", LONG_RANGE_SECONDS + "s");
    sixHours.put("__range_s", LONG_RANGE_SECONDS);
    sixHours.put("__range_ms", LONG_RANGE_SECONDS + "000");
    return dashboards.stream()
        .flatMap(
            d -> {
              DashboardVariables.Resolution variables =
                  DashboardVariables.resolve(d, prometheus.api());
              return d.dataPanels().stream()
                  .filter(p -> p.type().equals("stat"))
                  .flatMap(
                      p ->
                          p.targets().stream()
                              .map(
                                  t ->
                                      DynamicTest.dynamicTest(
                                          d.title() + " / " + p.title() + " / " + t.refId(),
                                          () ->
                                              assertSameFigures(
                                                  variables.substitute(t.expr(), sinceStart),
                                                  variables.substitute(t.expr(), sixHours),
                                                  at))));
            });
  }

  private void assertSameFigures(String sinceStart, String longer, double at) {
    Map<String, Double> expected = figures(sinceStart, at);
    Map<String, Double> actual = figures(longer, at);
    assertEquals(expected.keySet(), actual.keySet(), longer);
    expected.forEach(
        (series, value) ->
            assertEquals(
                value,
                actual.get(series),
                Math.abs(value) * RANGE_TOLERANCE,
                series + " over the range since start vs 6 h: " + longer));
  }

  private Map<String, Double> figures(String expr, double at) {
    PrometheusApi.Answer answer = prometheus.api().query(expr, at);
    assertTrue(answer.succeeded(), expr + ": " + answer.shortBody(500));
    Map<String, Double> figures = new HashMap<>();
    for (JsonNode series : answer.json().path("data").path("result")) {
      figures.put(series.path("metric").toString(), series.path("value").get(1).asDouble());
    }
    return figures;
  }

  /** A healthy node must not page: no tokenjoule alert is even pending. */
  @Test
  void theHealthyDemoRaisesNoAlert() {
    PrometheusApi.Answer answer = prometheus.api().query("ALERTS{alertname=~\"Tokenjoule.*\"}");
    assertTrue(answer.succeeded(), answer.shortBody(500));
    assertEquals("[]", answer.json().path("data").path("result").toString());
  }

  @Test
  void fleetEnergyPerTokenRuleMatchesTheGroundTruth() {
    PrometheusApi api = prometheus.api();
    double evaluatedAt =
        single(api.query("timestamp(" + FLEET_RULE + "{kind=\"generated\"})"), "its timestamp");
    double perGenerated =
        single(api.query(FLEET_RULE + "{kind=\"generated\"}", evaluatedAt), "kind=generated");
    double perToken = single(api.query(FLEET_RULE + "{kind=\"all\"}", evaluatedAt), "kind=all");

    // The samples that evaluation read: the rule's 5 minutes hold every scrape so far.
    PrometheusApi.Answer raw =
        api.query("tokenjoule_server_tokens_total{kind=\"generated\"}[5m]", evaluatedAt);
    assertTrue(raw.succeeded(), raw.shortBody(500));
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode series : raw.json().path("data").path("result")) {
      JsonNode values = series.path("values");
      first = Math.min(first, values.get(0).get(0).asDouble());
      last = Math.max(last, values.get(values.size() - 1).get(0).asDouble());
    }
    assertTrue(last - first >= MIN_DATA_SECONDS - 2, "only " + (last - first) + " s of samples");

    GroundTruth truth = demo.fleetTruthBetween(demo.monotonicAt(first), demo.monotonicAt(last));
    String context =
        String.format(
            Locale.ROOT,
            "rule evaluated at %.3f over samples %.3f..%.3f (%.1f s): %.1f J, %.0f generated and"
                + " %.0f prompt tokens in truth",
            evaluatedAt,
            first,
            last,
            last - first,
            truth.energyJoules(),
            truth.generatedTokens(),
            truth.promptTokens());
    System.out.printf(
        Locale.ROOT,
        "DashboardQueriesIT: fleet J per generated token: rule %.5f, truth %.5f (%+.3f%%);"
            + " J per token: rule %.5f, truth %.5f (%+.3f%%); %s%n",
        perGenerated,
        truth.joulesPerGeneratedToken(),
        100 * (perGenerated / truth.joulesPerGeneratedToken() - 1),
        perToken,
        truth.joulesPerToken(),
        100 * (perToken / truth.joulesPerToken() - 1),
        context);
    assertEquals(
        truth.joulesPerGeneratedToken(),
        perGenerated,
        TRUTH_TOLERANCE * truth.joulesPerGeneratedToken(),
        "fleet J per generated token; " + context);
    assertEquals(
        truth.joulesPerToken(),
        perToken,
        TRUTH_TOLERANCE * truth.joulesPerToken(),
        "fleet J per token; " + context);
  }

  /**
   * The checker, on the real Prometheus: a dashboard with one more panel, whose metric nobody
   * exports, fails on that panel; a query that gives NaN fails too.
   */
  @Test
  void aPanelWhoseQueryReturnsNothingFailsTheCheck() {
    Dashboard shipped = dashboards.get(0);
    ObjectNode json = shipped.json().deepCopy();
    ObjectNode panel = ((ArrayNode) json.get("panels")).addObject();
    panel.put("id", 999).put("type", "timeseries").put("title", "Deliberately empty");
    panel.putObject("fieldConfig").putObject("defaults").put("unit", "joule");
    panel
        .putArray("targets")
        .addObject()
        .put("refId", "A")
        .put("expr", "sum(rate(tokenjoule_no_such_metric_total{job=~\"$job\"}[$__rate_interval]))");
    Dashboard withEmptyPanel = Dashboard.parse(shipped.file(), json);
    DashboardVariables.Resolution variables =
        DashboardVariables.resolve(withEmptyPanel, prometheus.api());
    Panel empty = withEmptyPanel.panels().get(withEmptyPanel.panels().size() - 1);

    Verdict verdict = check(withEmptyPanel, empty, empty.targets().get(0), variables);

    assertFalse(verdict.passed());
    assertEquals("an empty vector: no series, the panel shows No data", verdict.cameBack());
    assertEquals(
        "sum(rate(tokenjoule_no_such_metric_total{job=~\".*\"}[15s]))", verdict.query().expr());
    Verdict nan = checker.check(new PanelQuery("-", "NaN", "A", "tokenjoule_gpu_up * 0 / 0"));
    assertFalse(nan.passed());
    assertTrue(nan.cameBack().startsWith("4 of 4 series not finite"), nan.cameBack());
  }

  private Verdict check(Dashboard d, Panel p, Target t, DashboardVariables.Resolution variables) {
    String expr;
    try {
      expr = variables.substitute(t.expr(), grafanaBuiltIns());
    } catch (IllegalArgumentException e) {
      return new Verdict(
          new PanelQuery(d.title(), p.title(), t.refId(), t.expr()),
          false,
          "cannot substitute its variables: " + e.getMessage());
    }
    return checker.check(new PanelQuery(d.title(), p.title(), t.refId(), expr));
  }

  private void assertVariableFindsValues(Dashboard d, TemplateVariable v) {
    Map<String, String> all = new HashMap<>();
    d.variables().forEach(other -> all.put(other.name(), ".*"));
    String query = QueryTemplate.substitute(v.query(), all);
    List<String> values = DashboardVariables.values(v, query, prometheus.api());
    assertFalse(
        values.isEmpty(), d.title() + ": variable " + v.name() + ": " + query + " found no value");
  }

  /**
   * What Grafana would put for its built-in variables with a 1 s scrape interval: a rate interval
   * of 15 s (comfortably over Grafana's minimum of four scrapes), and the dashboard's range is
   * everything since Prometheus started.
   */
  private Map<String, String> grafanaBuiltIns() {
    long range = Math.max(10, (long) (nowEpoch() - prometheusStartedEpoch));
    return Map.of(
        "__rate_interval",
        "15s",
        "__interval",
        "5s",
        "__interval_ms",
        "5000",
        "__range",
        range + "s",
        "__range_s",
        Long.toString(range),
        "__range_ms",
        Long.toString(range * 1000));
  }

  /** Waits for data: until every panel query passes, or the wait runs out. */
  private void waitForData() throws InterruptedException {
    Thread.sleep(MIN_DATA_SECONDS * 1000);
    long deadline =
        System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS - MIN_DATA_SECONDS).toNanos();
    while (true) {
      List<Verdict> verdicts = new ArrayList<>();
      for (Dashboard d : dashboards) {
        DashboardVariables.Resolution variables = DashboardVariables.resolve(d, prometheus.api());
        for (Panel p : d.dataPanels()) {
          for (Target t : p.targets()) {
            verdicts.add(check(d, p, t, variables));
          }
        }
      }
      long failing = verdicts.stream().filter(v -> !v.passed()).count();
      System.out.printf(
          Locale.ROOT,
          "DashboardQueriesIT: %.0f s after Prometheus started, %d of %d panel queries have data%n",
          nowEpoch() - prometheusStartedEpoch,
          verdicts.size() - failing,
          verdicts.size());
      if (failing == 0 || System.nanoTime() > deadline) {
        return;
      }
      Thread.sleep(3_000);
    }
  }

  private static double single(PrometheusApi.Answer answer, String what) {
    assertTrue(answer.succeeded(), what + ": " + answer.shortBody(500));
    JsonNode result = answer.json().path("data").path("result");
    assertEquals(1, result.size(), FLEET_RULE + " " + what + ": " + answer.shortBody(500));
    return result.get(0).path("value").get(1).asDouble();
  }

  private static double nowEpoch() {
    return System.currentTimeMillis() / 1000.0;
  }
}
