package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.list;

import io.tokenjoule.rules.RuleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The rule groups of {@code deploy/prometheus/rules/*.rules.yml}, the rules' source of truth. */
final class RuleGroups {

  private RuleGroups() {}

  /** Every group of every rule file, files in name order, as parsed YAML. */
  static List<Object> fromRuleFiles() {
    List<Object> groups = new ArrayList<>();
    for (Path file : RuleFiles.ruleFiles()) {
      groups.addAll(list(load(file), "groups"));
    }
    return groups;
  }

  /** The groups of a PrometheusRule object's spec. */
  static List<Object> fromPrometheusRule(Map<String, Object> prometheusRule) {
    return list(prometheusRule, "spec", "groups");
  }

  static Map<String, Object> load(Path file) {
    try {
      return Manifests.asMap(new Yaml().load(Files.readString(file)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
