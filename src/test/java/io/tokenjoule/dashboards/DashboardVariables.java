package io.tokenjoule.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenjoule.dashboards.Dashboard.TemplateVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a test gives a dashboard's template variables, as a user opening it would get them:
 * "All" ({@code allValue}) for variables that offer it, the first value Prometheus lists for a
 * single-valued query variable, the saved or first option of a custom variable. Variables are
 * resolved in order, so a query may use the variables before it. A query variable is {@code
 * label_values(selector, label)}, or {@code query_result(expr)} whose results Grafana writes as
 * {@code {label="value", ...} value timestamp}, one per line, for the variable's regex to pick
 * from, in the order of the result.
 */
final class DashboardVariables {

  private static final Pattern QUERY_RESULT =
      Pattern.compile("\\s*query_result\\((.*)\\)\\s*", Pattern.DOTALL);
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

  /**
   * The values of a query variable: those Prometheus lists for {@code label_values(selector,
   * label)}, or those the variable's {@code regex} picks from the results of {@code
   * query_result(expr)}, in order and without repeats.
   */
  static List<String> values(TemplateVariable v, String query, PrometheusApi prometheus) {
    Matcher result = QUERY_RESULT.matcher(query);
    if (!result.matches()) {
      return labelValues(query, prometheus);
    }
    PrometheusApi.Answer answer = prometheus.query(result.group(1));
    if (!answer.succeeded()) {
      throw new IllegalStateException(query + ": " + answer.shortBody(500));
    }
    Pattern regex = grafanaRegex(v.regex());
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode series : answer.json().path("data").path("result")) {
      StringBuilder text = new StringBuilder(series.path("metric").path("__name__").asText(""));
      StringJoiner labels = new StringJoiner(", ", "{", "}");
      series
          .path("metric")
          .fields()
          .forEachRemaining(
              label -> {
                if (!label.getKey().equals("__name__")) {
                  labels.add(label.getKey() + "=\"" + label.getValue().asText() + "\"");
                }
              });
      JsonNode sample = series.path("value");
      text.append(labels)
          .append(' ')
          .append(sample.get(1).asText())
          .append(' ')
          .append(Math.round(sample.get(0).asDouble() * 1000));
      Matcher m = regex.matcher(text);
      if (m.find()) {
        values.add(m.groupCount() > 0 ? m.group(1) : m.group());
      }
    }
    return new ArrayList<>(values);
  }

  /** A Grafana variable regex, {@code /pattern/}; none matches everything. */
  private static Pattern grafanaRegex(String regex) {
    if (regex.isEmpty()) {
      return Pattern.compile(".*");
    }
    if (!regex.startsWith("/") || !regex.endsWith("/") || regex.length() < 2) {
      throw new IllegalArgumentException("not a /regex/: " + regex);
    }
    return Pattern.compile(regex.substring(1, regex.length() - 1));
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
      List<String> found = values(v, query, prometheus);
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
