package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenjoule.dashboards.Dashboard.Panel;
import io.tokenjoule.dashboards.Dashboard.Target;
import io.tokenjoule.dashboards.Dashboard.TemplateVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped dashboards, read as files: stable and unique uids, a current schema, a title and a
 * unit on every panel, no hard-coded datasource, the template variables users filter by, no
 * undefined variable, and only metric names the agent, the contract or the recording rules define.
 */
class DashboardLintTest {

  /** Grafana 11.0 writes schema 39; 12.x writes up to 42. */
  private static final int OLDEST_CURRENT_SCHEMA = 39;

  private static final String DATASOURCE_REF = "${datasource}";
  private static final Set<String> FILTER_VARIABLES =
      Set.of("job", "instance", "server", "model", "gpu");
  private static final Set<String> GRAFANA_BUILT_INS =
      Set.of(
          "__rate_interval",
          "__interval",
          "__interval_ms",
          "__range",
          "__range_s",
          "__range_ms",
          "__from",
          "__to");
  private static final Pattern VARIABLE_USE =
      Pattern.compile("\\$\\{([a-zA-Z0-9_]+)(?::[a-zA-Z0-9_]+)?}|\\$([a-zA-Z0-9_]+)");
  private static final Pattern AVERAGED_RATIO =
      Pattern.compile(
          "\\b(avg|sum)\\s*(?:(?:by|without)\\s*\\([^)]*\\)\\s*)?\\(\\s*(tokenjoule_\\w*_per_\\w*)");

  private final List<Dashboard> dashboards = Dashboard.loadShipped();

  @Test
  void shipsTheFourDashboardsWithStableUids() {
    Map<String, String> uidByFile = new TreeMap<>();
    dashboards.forEach(d -> uidByFile.put(d.file().getFileName().toString(), d.uid()));
    assertEquals(
        Map.of(
            "tokenjoule-cost-and-carbon.json", "tokenjoule-cost-carbon",
            "tokenjoule-fleet-efficiency.json", "tokenjoule-fleet",
            "tokenjoule-node-and-gpus.json", "tokenjoule-node",
            "tokenjoule-regression.json", "tokenjoule-regression"),
        uidByFile);
    for (Dashboard d : dashboards) {
      assertTrue(d.json().path("tags").toString().contains("\"tokenjoule\""), d.file() + " tags");
      assertFalse(d.json().has("id") && !d.json().get("id").isNull(), d.file() + " has an id");
    }
  }

  @Test
  void uidsAreUniqueAndGrafanaSized() {
    Set<String> seen = new HashSet<>();
    for (Dashboard d : dashboards) {
      assertTrue(
          d.uid() != null && d.uid().matches("[a-zA-Z0-9_-]{1,40}"), d.file() + ": uid " + d.uid());
      assertTrue(seen.add(d.uid()), "uid " + d.uid() + " used twice");
    }
  }

  @Test
  void schemaVersionIsCurrent() {
    for (Dashboard d : dashboards) {
      assertTrue(
          d.schemaVersion() >= OLDEST_CURRENT_SCHEMA,
          d.file() + ": schemaVersion " + d.schemaVersion());
    }
  }

  @Test
  void everyPanelHasATitleAUnitAndAQuery() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : dashboards) {
      Set<Integer> ids = new HashSet<>();
      for (Panel p : d.panels()) {
        String where = d.title() + " / panel " + p.id() + " \"" + p.title() + "\"";
        if (!ids.add(p.id())) {
          problems.add(where + ": id used twice");
        }
        if (p.title().isBlank()) {
          problems.add(where + ": no title");
        }
        if (p.isRow()) {
          continue;
        }
        if (p.unit() == null || p.unit().isBlank()) {
          problems.add(where + ": no unit in fieldConfig.defaults.unit");
        }
        if (p.targets().isEmpty() || p.targets().stream().anyMatch(t -> t.expr().isBlank())) {
          problems.add(where + ": a panel without a query");
        }
        if (p.targets().stream().map(Target::refId).distinct().count() != p.targets().size()) {
          problems.add(where + ": refIds repeat");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyDatasourceIsTheDatasourceVariable() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : dashboards) {
      findDatasources(d.json(), "$", d.file().getFileName().toString(), problems);
      TemplateVariable datasource = d.variable("datasource");
      if (datasource == null
          || !datasource.type().equals("datasource")
          || !datasource.query().equals("prometheus")) {
        problems.add(d.title() + ": no datasource variable of type datasource for prometheus");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyDashboardFiltersByJobInstanceServerModelAndGpu() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : dashboards) {
      for (String name : FILTER_VARIABLES) {
        TemplateVariable v = d.variable(name);
        if (v == null) {
          problems.add(d.title() + ": no variable " + name);
          continue;
        }
        if (!v.type().equals("query")
            || !v.query().startsWith("label_values(tokenjoule_")
            || !v.query().replace(" ", "").endsWith("," + name + ")")) {
          problems.add(
              d.title() + ": " + name + " is not label_values(tokenjoule_..., " + name + ")");
        }
        if (!v.includeAll() || !".*".equals(v.allValue())) {
          problems.add(d.title() + ": " + name + " needs All with the value .*");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyVariableUsedIsDefined() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : dashboards) {
      Set<String> defined =
          d.variables().stream().map(TemplateVariable::name).collect(Collectors.toSet());
      for (Map.Entry<String, String> query : queries(d).entrySet()) {
        Matcher m = VARIABLE_USE.matcher(query.getKey());
        while (m.find()) {
          String name = m.group(1) != null ? m.group(1) : m.group(2);
          if (!defined.contains(name) && !GRAFANA_BUILT_INS.contains(name)) {
            problems.add(d.title() + ": $" + name + " is not defined, in " + query.getValue());
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyQueriedMetricIsKnown() {
    Set<String> known = MetricCatalogue.known();
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (Dashboard d : dashboards) {
      for (Map.Entry<String, String> query : queries(d).entrySet()) {
        Set<String> names =
            query.getValue().contains("variable ")
                ? PromqlMetricNames.ofVariableQuery(query.getKey())
                : PromqlMetricNames.of(query.getKey());
        for (String name : names) {
          checked++;
          if (!known.contains(name)) {
            unknown.add(name + " in " + query.getValue());
          }
        }
      }
    }
    assertEquals(
        List.of(),
        unknown,
        "not in the metric contract ("
            + MetricCatalogue.DESIGN
            + (MetricCatalogue.contract().isPresent() ? "" : ", absent here")
            + "), agent-metric-names.txt, or the recording rules");
    assertTrue(checked > 50, "the scanner found only " + checked + " metric uses");
  }

  /**
   * Kubernetes: the fleet dashboard filters by namespace and pod (from {@code tokenjoule_pod_info},
   * "All" matching servers in no pod too) and shows J/token by namespace, joined through {@code
   * tokenjoule_pod_info} as a ratio of sums, and from the recording rule.
   */
  @Test
  void fleetDashboardFiltersByNamespaceAndPodAndShowsEnergyPerTokenByNamespace() {
    Dashboard fleet =
        dashboards.stream()
            .filter(d -> d.uid().equals("tokenjoule-fleet"))
            .findFirst()
            .orElseThrow();
    for (String name : List.of("namespace", "pod")) {
      TemplateVariable v = fleet.variable(name);
      assertTrue(v != null, "no variable " + name);
      assertTrue(v.query().startsWith("label_values(tokenjoule_pod_info{"), v.query());
      assertTrue(v.query().replace(" ", "").endsWith("," + name + ")"), v.query());
      assertTrue(v.includeAll() && ".*".equals(v.allValue()), name + " needs All with .*");
    }
    List<String> byNamespace =
        fleet.dataPanels().stream()
            .filter(p -> p.title().contains("by namespace"))
            .flatMap(p -> p.targets().stream().map(Target::expr))
            .toList();
    assertEquals(2, byNamespace.size(), "the raw and the recording-rule panel");
    String raw = byNamespace.get(0);
    assertTrue(raw.startsWith("sum by (namespace) ("), raw);
    assertEquals(
        2, raw.split("group_left \\(namespace\\) tokenjoule_pod_info", -1).length - 1, raw);
    assertTrue(raw.contains("namespace=~\"$namespace\", pod=~\"$pod\""), raw);
    assertTrue(
        byNamespace.get(1).startsWith("namespace:tokenjoule_energy_per_token_joules:ratio_rate5m"),
        byNamespace.get(1));
  }

  /** Fleet and per-model figures are ratios of sums of counters, never sums or means of ratios. */
  @Test
  void noPanelAggregatesAWindowedRatio() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : dashboards) {
      for (Map.Entry<String, String> query : queries(d).entrySet()) {
        Matcher m = AVERAGED_RATIO.matcher(query.getKey());
        if (m.find()) {
          problems.add(m.group(1) + " over " + m.group(2) + " in " + query.getValue());
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** Every PromQL text of a dashboard, mapped to where it is. */
  private static Map<String, String> queries(Dashboard d) {
    Map<String, String> where = new HashMap<>();
    for (Panel p : d.dataPanels()) {
      for (Target t : p.targets()) {
        where.put(t.expr(), d.title() + " / " + p.title() + " / " + t.refId());
      }
    }
    for (TemplateVariable v : d.variables()) {
      if (v.type().equals("query")) {
        where.put(v.query(), d.title() + " / variable " + v.name());
      }
    }
    d.annotationExprs().forEach(a -> where.put(a, d.title() + " / annotation"));
    return where;
  }

  private static void findDatasources(
      JsonNode node, String path, String file, List<String> problems) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String here = path + "." + field.getKey();
                if (field.getKey().equals("datasource")) {
                  JsonNode ds = field.getValue();
                  if (!ds.isObject()
                      || !DATASOURCE_REF.equals(ds.path("uid").asText())
                      || !"prometheus".equals(ds.path("type").asText())) {
                    problems.add(
                        file
                            + " "
                            + here
                            + " = "
                            + ds
                            + ", not {type: prometheus, uid: ${datasource}}");
                  }
                } else {
                  findDatasources(field.getValue(), here, file, problems);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findDatasources(node.get(i), path + "[" + i + "]", file, problems);
      }
    }
  }
}
