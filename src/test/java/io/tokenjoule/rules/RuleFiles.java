package io.tokenjoule.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus files tokenjoule ships under {@code deploy/prometheus}, relative to the project
 * directory (where Maven runs the tests), and the rules they define.
 */
public final class RuleFiles {

  public static final Path PROMETHEUS_DIR = Path.of("deploy", "prometheus");
  public static final Path CONFIG = PROMETHEUS_DIR.resolve("prometheus.yml");
  public static final Path RULES_DIR = PROMETHEUS_DIR.resolve("rules");
  public static final Path TESTS_DIR = PROMETHEUS_DIR.resolve("tests");
  public static final Path RUNBOOKS_DIR = Path.of("deploy", "runbooks");

  /** Where every alert's runbook_url must point: this prefix, the alert's name, then ".md". */
  public static final String RUNBOOK_URL_PREFIX =
      "https://github.com/tokenjoule/tokenjoule/blob/main/deploy/runbooks/";

  /** One rule of a rule file: a recording rule ({@code alert} null) or an alerting rule. */
  public record Rule(
      Path file,
      String group,
      String record,
      String alert,
      String expr,
      Map<String, String> labels,
      Map<String, String> annotations) {

    public String name() {
      return alert != null ? alert : record;
    }
  }

  private RuleFiles() {}

  /** Every {@code *.rules.yml} file, sorted. */
  public static List<Path> ruleFiles() {
    return yamlFiles(RULES_DIR, ".rules.yml");
  }

  /** Every promtool unit-test file, sorted. */
  public static List<Path> testFiles() {
    return yamlFiles(TESTS_DIR, ".test.yml");
  }

  /** Every rule of every rule file, in file order. */
  public static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      Map<String, Object> root = load(file);
      for (Map<String, Object> group : maps(root.get("groups"))) {
        for (Map<String, Object> rule : maps(group.get("rules"))) {
          rules.add(
              new Rule(
                  file,
                  (String) group.get("name"),
                  (String) rule.get("record"),
                  (String) rule.get("alert"),
                  String.valueOf(rule.get("expr")),
                  strings(rule.get("labels")),
                  strings(rule.get("annotations"))));
        }
      }
    }
    return rules;
  }

  public static List<Rule> alerts() {
    return rules().stream().filter(r -> r.alert() != null).toList();
  }

  /** The distinct names recording rules write. */
  public static List<String> recordedNames() {
    return rules().stream().filter(r -> r.record() != null).map(Rule::record).distinct().toList();
  }

  /** A YAML file as nested maps and lists. */
  public static Map<String, Object> load(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(Object map) {
    return map == null ? Map.of() : (Map<String, String>) map;
  }

  private static List<Path> yamlFiles(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
