package io.tokenjoule.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one panel query through Prometheus and judges the answer: it passes only when Prometheus
 * answers success with at least one series (or a scalar) and every value is finite. A panel that
 * would show "No data", NaN or infinity fails, and the verdict says what came back.
 */
final class PanelQueryChecker {

  private static final int SERIES_SHOWN = 4;

  private final PrometheusApi prometheus;

  PanelQueryChecker(PrometheusApi prometheus) {
    this.prometheus = prometheus;
  }

  /** One query of one panel of one dashboard, variables already substituted. */
  record PanelQuery(String dashboard, String panel, String refId, String expr) {

    String name() {
      return dashboard + " / " + panel + " / " + refId;
    }
  }

  /** The outcome for one query: passed or not, and what Prometheus answered, in words. */
  record Verdict(PanelQuery query, boolean passed, String cameBack) {

    /**
     * Everything a reader needs to fix a failing panel: which panel and what came back on the first
     * line, the query as sent on the next.
     */
    String report() {
      return query.name()
          + ": "
          + cameBack
          + "\n  query: "
          + query.expr().replace("\n", "\n         ");
    }
  }

  Verdict check(PanelQuery query) {
    PrometheusApi.Answer answer = prometheus.query(query.expr());
    JsonNode json = answer.json();
    if (!answer.succeeded()) {
      String why =
          json != null && json.has("error")
              ? json.path("errorType").asText() + ": " + json.path("error").asText()
              : answer.shortBody(300);
      return new Verdict(query, false, "HTTP " + answer.httpStatus() + ", " + why);
    }
    JsonNode data = json.path("data");
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "scalar":
        return judgeValues(query, type, List.of(new Sample("scalar", result.path(1).asText())));
      case "vector":
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : result) {
          samples.add(
              new Sample(series.path("metric").toString(), series.path("value").path(1).asText()));
        }
        return judgeValues(query, type, samples);
      default:
        return new Verdict(
            query,
            false,
            "a "
                + type
                + " result; a panel query must give an instant vector or a scalar: "
                + answer.shortBody(300));
    }
  }

  private static Verdict judgeValues(PanelQuery query, String type, List<Sample> samples) {
    if (samples.isEmpty()) {
      return new Verdict(query, false, "an empty " + type + ": no series, the panel shows No data");
    }
    List<Sample> notFinite = samples.stream().filter(s -> !s.finite()).toList();
    if (!notFinite.isEmpty()) {
      return new Verdict(
          query,
          false,
          notFinite.size()
              + " of "
              + samples.size()
              + " series not finite: "
              + describe(notFinite));
    }
    return new Verdict(query, true, samples.size() + " series: " + describe(samples));
  }

  private static String describe(List<Sample> samples) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(SERIES_SHOWN, samples.size()); i++) {
      text.append(i == 0 ? "" : ", ")
          .append(samples.get(i).labels())
          .append(" = ")
          .append(samples.get(i).value());
    }
    if (samples.size() > SERIES_SHOWN) {
      text.append(", …");
    }
    return text.toString();
  }

  /** One value as Prometheus wrote it (a string: "NaN", "+Inf" and "-Inf" included). */
  private record Sample(String labels, String value) {

    boolean finite() {
      try {
        return Double.isFinite(Double.parseDouble(value));
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
