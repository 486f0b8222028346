package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.rules.RuleFiles;
import io.tokenjoule.scrape.EngineProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart checked without Helm: every value a template reads is declared in values.yaml, the
 * chart's dashboards and rules are byte-for-byte the repository's, and the default config loads
 * with the agent's loader. {@link HelmChartIT} renders it with Helm itself.
 */
class HelmChartStructureTest {

  private static final Pattern VALUE_REFERENCE =
      Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

  @Test
  void everyValueATemplateReadsIsDeclaredInValuesYaml() throws IOException {
    Map<String, Object> values =
        Manifests.asMap(new Yaml().load(Files.readString(HelmChart.VALUES)), "values.yaml");
    TreeSet<String> referenced = new TreeSet<>();
    try (Stream<Path> templates = Files.list(HelmChart.TEMPLATES)) {
      for (Path template : templates.sorted().toList()) {
        Matcher m = VALUE_REFERENCE.matcher(Files.readString(template));
        while (m.find()) {
          referenced.add(m.group(1).substring(1));
        }
      }
    }
    assertTrue(referenced.size() >= 20, "found only " + referenced);
    List<String> undeclared = new ArrayList<>();
    for (String path : referenced) {
      if (!declared(values, path.split("\\."))) {
        undeclared.add(path);
      }
    }
    assertEquals(List.of(), undeclared, "values read by templates but absent from values.yaml");
  }

  private static boolean declared(Map<String, Object> values, String[] path) {
    Object node = values;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return false;
      }
      node = map.get(key);
    }
    return true;
  }

  @Test
  void probesGoThroughTheHandlerThatFallsBackToTcpSocketUnderRequiredClientCertificates()
      throws IOException {
    String daemonSet = Files.readString(HelmChart.TEMPLATES.resolve("daemonset.yaml"));
    for (String[] probe :
        new String[][] {{"livenessProbe", "/healthz"}, {"readinessProbe", "/readyz"}}) {
      String expected =
          probe[0]
              + ":\n            {{- include \"tokenjoule.probeHandler\" (dict \"root\" . \"path\" \""
              + probe[1]
              + "\") | nindent 12 }}\n";
      assertTrue(daemonSet.contains(expected), probe[0] + " does not use tokenjoule.probeHandler");
    }
    assertFalse(daemonSet.contains("httpGet:"), "a probe bypasses tokenjoule.probeHandler");

    String helpers = Files.readString(HelmChart.TEMPLATES.resolve("_helpers.tpl"));
    int start = helpers.indexOf("{{- define \"tokenjoule.probeHandler\" -}}");
    assertTrue(start >= 0, "no tokenjoule.probeHandler in _helpers.tpl");
    String handler = helpers.substring(start, helpers.indexOf("{{- end -}}\n{{- end -}}", start));
    int mtls = handler.indexOf("\"RequireAndVerifyClientCert\" -}}\ntcpSocket:\n  port: metrics\n");
    int otherwise =
        handler.indexOf("{{- else -}}\nhttpGet:\n  path: {{ .path }}\n  port: metrics\n");
    assertTrue(mtls > 0, "RequireAndVerifyClientCert does not switch to tcpSocket:\n" + handler);
    assertTrue(otherwise > mtls, "no httpGet otherwise:\n" + handler);
    assertTrue(
        handler.contains("(hasKey $web.content \"tls_server_config\") }}HTTPS{{ else }}HTTP"),
        "TLS does not switch the scheme to HTTPS:\n" + handler);
  }

  @Test
  void chartDashboardsAreTheRepositorysDashboards() throws IOException {
    assertSameFiles(HelmChart.SHIPPED_DASHBOARDS, HelmChart.DASHBOARDS, ".json", "dashboards");
  }

  @Test
  void chartRulesAreTheRepositorysRuleFiles() throws IOException {
    assertSameFiles(RuleFiles.RULES_DIR, HelmChart.RULES, ".rules.yml", "rules");
  }

  @Test
  void defaultConfigLoadsAndListensOnTheChartsPort() throws Exception {
    Map<String, Object> values =
        Manifests.asMap(new Yaml().load(Files.readString(HelmChart.VALUES)), "values.yaml");
    // The configmap template writes `toYaml .Values.config`; SnakeYAML's dump stands in for it.
    String yaml = new Yaml().dump(values.get("config"));
    AgentConfig config =
        new ConfigLoader(EngineProfiles.names()).parse(yaml, "values.yaml config", List.of());
    assertEquals(values.get("port"), config.listen().port());
    assertEquals(List.of(), config.servers());
    assertEquals(Path.of("/var/lib/tokenjoule"), config.stateDirectory());
  }

  @Test
  void kustomizePrometheusRuleIsGeneratedFromTheRuleFiles() {
    Map<String, Object> committed =
        RuleGroups.load(Path.of("deploy", "kubernetes", "prometheusrule.yaml"));
    assertEquals(
        RuleGroups.fromRuleFiles(),
        RuleGroups.fromPrometheusRule(committed),
        "deploy/kubernetes/prometheusrule.yaml differs from deploy/prometheus/rules/*.rules.yml;"
            + " regenerate it with deploy/kubernetes/generate-prometheusrule.sh");
  }

  /** The same file names with this suffix in both directories, with the same bytes. */
  private static void assertSameFiles(Path source, Path copy, String suffix, String what)
      throws IOException {
    Map<String, byte[]> expected = filesEndingWith(source, suffix);
    Map<String, byte[]> actual = filesEndingWith(copy, suffix);
    assertFalse(expected.isEmpty(), "no " + what + " in " + source);
    String refresh = " (refresh with: cp " + source + "/*" + suffix + " " + copy + "/)";
    assertEquals(expected.keySet(), actual.keySet(), what + " file names" + refresh);
    for (String name : expected.keySet()) {
      assertTrue(
          java.util.Arrays.equals(expected.get(name), actual.get(name)),
          copy.resolve(name) + " differs from " + source.resolve(name) + refresh);
    }
  }

  private static Map<String, byte[]> filesEndingWith(Path dir, String suffix) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
