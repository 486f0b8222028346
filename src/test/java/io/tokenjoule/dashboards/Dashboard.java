package io.tokenjoule.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Grafana dashboard file as the tests read it: its identity, template variables, panels (rows
 * included, the panels of collapsed rows flattened in) and annotation queries.
 */
record Dashboard(
    Path file,
    JsonNode json,
    String uid,
    String title,
    int schemaVersion,
    List<TemplateVariable> variables,
    List<Panel> panels,
    List<String> annotationExprs) {

  /** The directory of the shipped dashboards, relative to the project directory. */
  static final Path DIRECTORY = Path.of("dashboards");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One panel; {@code unit} is null when the panel sets none. */
  record Panel(int id, String type, String title, String unit, List<Target> targets) {

    boolean isRow() {
      return "row".equals(type);
    }
  }

  /** One query of a panel. */
  record Target(String refId, String expr, boolean instant) {}

  /**
   * A template variable. {@code query} is the query of a query variable (a string, or the {@code
   * query} field of the object form), the plugin of a datasource variable, or the options of a
   * custom variable. {@code current} is the saved current value, null when none is saved.
   */
  record TemplateVariable(
      String name,
      String type,
      String query,
      boolean multi,
      boolean includeAll,
      String allValue,
      String current,
      String regex) {}

  /** Every {@code *.json} file of the directory, sorted by file name. */
  static List<Dashboard> loadAll(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(Dashboard::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Dashboard> loadShipped() {
    return loadAll(DIRECTORY);
  }

  static Dashboard load(Path file) {
    try {
      return parse(file, JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Dashboard parse(Path file, JsonNode json) {
    List<TemplateVariable> variables = new ArrayList<>();
    for (JsonNode variable : json.path("templating").path("list")) {
      JsonNode query = variable.path("query");
      JsonNode current = variable.path("current").path("value");
      variables.add(
          new TemplateVariable(
              variable.path("name").asText(),
              variable.path("type").asText(),
              query.isObject() ? query.path("query").asText() : query.asText(),
              variable.path("multi").asBoolean(false),
              variable.path("includeAll").asBoolean(false),
              variable.hasNonNull("allValue") ? variable.get("allValue").asText() : null,
              current.isTextual() ? current.asText() : null,
              variable.path("regex").asText("")));
    }
    List<Panel> panels = new ArrayList<>();
    addPanels(json.path("panels"), panels);
    List<String> annotations = new ArrayList<>();
    for (JsonNode annotation : json.path("annotations").path("list")) {
      String expr =
          annotation.hasNonNull("expr")
              ? annotation.get("expr").asText()
              : annotation.path("target").path("expr").asText("");
      if (!expr.isBlank()) {
        annotations.add(expr);
      }
    }
    return new Dashboard(
        file,
        json,
        json.path("uid").asText(null),
        json.path("title").asText(null),
        json.path("schemaVersion").asInt(0),
        List.copyOf(variables),
        List.copyOf(panels),
        List.copyOf(annotations));
  }

  /** The panels that show data: every panel but rows. */
  List<Panel> dataPanels() {
    return panels.stream().filter(p -> !p.isRow()).toList();
  }

  TemplateVariable variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  private static void addPanels(JsonNode array, List<Panel> into) {
    for (JsonNode panel : array) {
      List<Target> targets = new ArrayList<>();
      for (JsonNode target : panel.path("targets")) {
        targets.add(
            new Target(
                target.path("refId").asText(""),
                target.path("expr").asText(""),
                target.path("instant").asBoolean(false)));
      }
      JsonNode unit = panel.path("fieldConfig").path("defaults").path("unit");
      into.add(
          new Panel(
              panel.path("id").asInt(-1),
              panel.path("type").asText(""),
              panel.path("title").asText(""),
              unit.isTextual() ? unit.asText() : null,
              List.copyOf(targets)));
      addPanels(panel.path("panels"), into);
    }
  }
}
