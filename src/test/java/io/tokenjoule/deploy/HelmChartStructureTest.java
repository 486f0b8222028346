package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.config.DiscoveryConfig;
import io.tokenjoule.config.KubernetesConfig;
import io.tokenjoule.rules.RuleFiles;
import io.tokenjoule.scrape.EngineProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * chart's dashboards and rules are byte-for-byte the repository's, the default config loads with
 * the agent's loader, and discovery.enabled changes what it should. {@link HelmChartIT} renders it
 * with Helm itself.
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
  void everyDiscoveryValueIsReadByTheConfigMapTemplate() throws IOException {
    Map<String, Object> discovery = Manifests.map(values(), "discovery");
    String configMap = Files.readString(HelmChart.TEMPLATES.resolve("configmap.yaml"));
    TreeSet<String> read = new TreeSet<>();
    Matcher m = VALUE_REFERENCE.matcher(configMap);
    while (m.find()) {
      if (m.group(1).startsWith(".discovery.")) {
        read.add(m.group(1).substring(".discovery.".length()));
      }
    }
    assertEquals(new TreeSet<>(discovery.keySet()), read, "values.discovery vs configmap.yaml");
    assertTrue(
        configMap.contains("dict \"mode\" \"auto\" \"interval\" .Values.discovery.interval"),
        "configmap.yaml does not write mode auto:\n" + configMap);
    for (String key : List.of("exclude", "rename", "pin")) {
      String copied =
          "{{- with .Values.discovery."
              + key
              + " }}{{ $_ := set $discovery \""
              + key
              + "\" . }}{{ end }}";
      assertTrue(configMap.contains(copied), "configmap.yaml lacks " + copied);
    }
    assertTrue(
        configMap.contains("toYaml $config"), "configmap.yaml does not write the merged config");
  }

  @Test
  void discoveryEnabledSharesTheHostsNamespacesAndGrantsOnlyTheTwoCapabilities()
      throws IOException {
    String daemonSet = Files.readString(HelmChart.TEMPLATES.resolve("daemonset.yaml"));
    String pod = between(daemonSet, "{{- if .Values.discovery.enabled }}\n", "{{- else }}");
    assertTrue(
        pod.endsWith(
            "      hostPID: true\n"
                + "      hostNetwork: true\n"
                + "      dnsPolicy: ClusterFirstWithHostNet\n      "),
        "pod spec under discovery.enabled:\n" + pod);
    assertTrue(
        daemonSet.contains("{{- else }}\n      hostPID: false\n      {{- end }}"),
        "hostPID false without discovery");
    int container = daemonSet.indexOf("$securityContext := deepCopy (.Values.securityContext");
    assertTrue(container > 0, "the container's securityContext is not built from values");
    String privileges =
        between(
            daemonSet.substring(container), "{{- if .Values.discovery.enabled }}", "{{- end }}");
    for (String expected :
        new String[] {
          "set $securityContext \"runAsUser\" 0 }}",
          "set $securityContext \"runAsNonRoot\" false }}",
          "set $securityContext \"capabilities\" (dict \"drop\" (list \"ALL\") \"add\""
              + " (list \"SYS_PTRACE\" \"DAC_READ_SEARCH\")) }}"
        }) {
      assertTrue(privileges.contains(expected), expected + " not in:\n" + privileges);
    }
    assertTrue(
        daemonSet.contains("{{- with $securityContext }}\n          securityContext:"),
        "the built securityContext is not written");
  }

  @Test
  void discoveryValuesMakeAConfigWithDiscoveryAuto() throws Exception {
    Map<String, Object> values = values();
    AgentConfig defaults = loadAsTheTemplateWrites(values);
    assertEquals(DiscoveryConfig.Mode.AUTO, defaults.discovery().mode());
    assertEquals(Duration.ofSeconds(60), defaults.discovery().interval());
    assertEquals(List.of(), defaults.discovery().exclude());

    Map<String, Object> config = new LinkedHashMap<>(Manifests.map(values, "config"));
    config.put(
        "servers",
        List.of(
            Map.of(
                "name", "llama-70b",
                "url", "http://10.0.0.12:8000/metrics",
                "engine", "vllm",
                "gpus", List.of(0))));
    Map<String, Object> discovery = new LinkedHashMap<>(Manifests.map(values, "discovery"));
    discovery.put("interval", "5m");
    discovery.put("exclude", List.of(Map.of("port", 8001)));
    discovery.put("rename", Map.of("vllm-8002", "mistral-7b"));
    discovery.put("pin", List.of("llama-70b"));
    Map<String, Object> changed = new LinkedHashMap<>(values);
    changed.put("config", config);
    changed.put("discovery", discovery);
    DiscoveryConfig loaded = loadAsTheTemplateWrites(changed).discovery();
    assertEquals(Duration.ofMinutes(5), loaded.interval());
    assertTrue(loaded.excludes(8001, "vllm"), "port 8001 excluded");
    assertFalse(loaded.excludes(8000, "vllm"), "port 8000 kept");
    assertEquals("mistral-7b", loaded.nameFor("vllm-8002"));
    assertEquals(List.of("llama-70b"), loaded.pin());
  }

  @Test
  void kubernetesEnabledMountsTheKubeletsFilesWritesItsSectionAndHonoursLabels() throws Exception {
    Map<String, Object> kubernetes = Manifests.map(values(), "kubernetes");
    assertEquals(false, kubernetes.get("enabled"), "off by default");
    String configMap = Files.readString(HelmChart.TEMPLATES.resolve("configmap.yaml"));
    String written =
        "(dict \"mode\" \"on\" \"labels\" .Values.kubernetes.labels \"gone_pod_grace\""
            + " .Values.kubernetes.gonePodGrace)";
    assertTrue(configMap.contains(written), "configmap.yaml lacks " + written);
    assertTrue(
        configMap.contains("{{- if not .Values.discovery.enabled }}\n{{- fail"),
        "kubernetes without discovery is refused");
    // What that template writes loads, with the mounts' paths as the agent's defaults.
    Map<String, Object> config = new LinkedHashMap<>(Manifests.map(values(), "config"));
    config.put(
        "kubernetes",
        Map.of(
            "mode", "on",
            "labels", kubernetes.get("labels"),
            "gone_pod_grace", kubernetes.get("gonePodGrace")));
    KubernetesConfig loaded =
        new ConfigLoader(EngineProfiles.names())
            .parse(new Yaml().dump(config), "values.yaml config", List.of())
            .kubernetes();
    assertEquals(KubernetesConfig.Mode.ON, loaded.mode());
    assertEquals(Duration.ofMinutes(5), loaded.gonePodGrace());

    String daemonSet = Files.readString(HelmChart.TEMPLATES.resolve("daemonset.yaml"));
    String mounts = between(daemonSet, "{{- if .Values.kubernetes.enabled }}", "{{- end }}");
    for (Path path : List.of(loaded.podResourcesSocket().getParent(), loaded.containerLogs())) {
      assertTrue(
          mounts.contains("mountPath: " + path + "\n              readOnly: true"),
          path + " is not mounted read-only where the agent reads it:\n" + mounts);
    }
    String volumes = daemonSet.substring(daemonSet.indexOf("      volumes:"));
    String hostPaths = between(volumes, "{{- if .Values.kubernetes.enabled }}", "{{- end }}");
    for (Path path : List.of(loaded.podResourcesSocket().getParent(), loaded.containerLogs())) {
      assertTrue(hostPaths.contains("path: " + path), path + " is no hostPath:\n" + hostPaths);
    }
    String monitor = Files.readString(HelmChart.TEMPLATES.resolve("servicemonitor.yaml"));
    assertTrue(
        between(monitor, "{{- if .Values.kubernetes.enabled }}", "{{- end }}")
            .contains("honorLabels: true"),
        "the ServiceMonitor honours the servers' namespace/pod labels");
  }

  /**
   * What templates/configmap.yaml writes with discovery.enabled: the config plus a discovery
   * section of mode auto, the interval, and exclude, rename and pin when not empty.
   */
  private static AgentConfig loadAsTheTemplateWrites(Map<String, Object> values) throws Exception {
    Map<String, Object> discoveryValues = Manifests.map(values, "discovery");
    Map<String, Object> discovery = new LinkedHashMap<>();
    discovery.put("mode", "auto");
    discovery.put("interval", discoveryValues.get("interval"));
    for (String key : List.of("exclude", "rename", "pin")) {
      Object value = discoveryValues.get(key);
      if (!(value instanceof Collection<?> c && c.isEmpty())
          && !(value instanceof Map<?, ?> m && m.isEmpty())) {
        discovery.put(key, value);
      }
    }
    Map<String, Object> config = new LinkedHashMap<>(Manifests.map(values, "config"));
    config.put("discovery", discovery);
    return new ConfigLoader(EngineProfiles.names())
        .parse(new Yaml().dump(config), "values.yaml config", List.of());
  }

  private static Map<String, Object> values() throws IOException {
    return Manifests.asMap(new Yaml().load(Files.readString(HelmChart.VALUES)), "values.yaml");
  }

  /** The text after the first {@code start} up to the next {@code end}; fails when absent. */
  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertTrue(from >= 0, "no " + start);
    int to = text.indexOf(end, from + start.length());
    assertTrue(to >= 0, "no " + end + " after " + start);
    return text.substring(from + start.length(), to);
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
