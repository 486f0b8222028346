package io.tokenjoule.dashboards;

import io.tokenjoule.dashboards.Dashboard.TemplateVariable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a test gives a dashboard's template variables, as a user opening it would get them:
 * "All" ({@code allValue}) for variables that offer it, the first value Prometheus lists for a
 * single-valued query variable, the saved or first option of a custom variable. Variables are
 * resolved in order, so a query may use the variables before it.
 */
final class DashboardVariables {

  private static final Pattern LABEL_VALUES =
      Pattern.compile(
          "\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*", Pattern.DOTALL);

  /**
   * @param values the value of each resolved variable
   * @param whyMissing for each variable without a value, why
   */
  record Resolution(Map<String, String> values, Map<String, String> whyMissing) {

    /** These values and the given ones (Grafana's built-ins, for example) together. */
    Map<String, String> with(Map<String, String> more) {
      Map<String, String> all = new LinkedHashMap<>(values);
      all.putAll(more);
      return all;
    }

    /** The query with its variables substituted, or why it cannot be. */
    String substitute(String query, Map<String, String> builtIns) {
      try {
        return QueryTemplate.substitute(query, with(builtIns));
      } catch (IllegalArgumentException e) {
        StringBuilder why = new StringBuilder(e.getMessage());
        whyMissing.forEach(
            (name, reason) -> why.append("; $").append(name).append(": ").append(reason));
        throw new IllegalArgumentException(why.toString(), e);
      }
    }
  }

  private DashboardVariables() {}

  static Resolution resolve(Dashboard dashboard, PrometheusApi prometheus) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> whyMissing = new LinkedHashMap<>();
    for (TemplateVariable v : dashboard.variables()) {
      switch (v.type()) {
        case "datasource":
          break;
        case "query":
          if (v.includeAll() && v.allValue() != null) {
            values.put(v.name(), v.allValue());
          } else {
            resolveQuery(v, prometheus, values, whyMissing);
          }
          break;
        case "custom":
          values.put(v.name(), v.current() != null ? v.current() : v.query().split(",")[0].strip());
          break;
        default:
          if (v.current() != null) {
            values.put(v.name(), v.current());
          } else {
            whyMissing.put(v.name(), "a " + v.type() + " variable without a current value");
          }
      }
    }
    return new Resolution(values, whyMissing);
  }

  /** The values Prometheus lists for a {@code label_values(selector, label)} variable query. */
  static List<String> labelValues(String query, PrometheusApi prometheus) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (!m.matches()) {
      throw new IllegalArgumentException("not label_values(selector, label): " + query);
    }
    return prometheus.labelValues(m.group(2), m.group(1).strip());
  }

  private static void resolveQuery(
      TemplateVariable v,
      PrometheusApi prometheus,
      Map<String, String> values,
      Map<String, String> whyMissing) {
    try {
      String query = QueryTemplate.substitute(v.query(), values);
      List<String> found = labelValues(query, prometheus);
      if (found.isEmpty()) {
        whyMissing.put(v.name(), query + " found no value");
      } else {
        values.put(v.name(), found.get(0));
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      whyMissing.put(v.name(), e.getMessage());
    }
  }
}
