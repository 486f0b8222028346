package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.at;
import static io.tokenjoule.deploy.Manifests.list;
import static io.tokenjoule.deploy.Manifests.map;
import static io.tokenjoule.deploy.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.DiscoveryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the chart must render, whichever real helm renders it: {@code helm lint} passes; the
 * defaults deploy an agent that starts and is scraped ({@link AgentManifestChecks}, as the
 * Kustomize base); every object matches its Kubernetes schema ({@link KubernetesSchema}) at the
 * defaults and with every option on; and the values reach the objects they are for.
 */
abstract class HelmChartContract {

  /** {@code helm lint} of the chart: null when it passes, else what it said. */
  abstract String lintProblems();

  /**
   * {@code helm template tj} of the chart with these {@code --set key=value} settings.
   *
   * @throws AssertionError when helm fails, with what it said
   */
  abstract Manifests template(String... sets);

  @Test
  void lintPasses() {
    assertEquals(null, lintProblems());
  }

  @Test
  void defaultsRenderAnAgentThatStartsAndIsScraped() throws Exception {
    Manifests rendered = template();
    new AgentManifestChecks(rendered).all();
    assertEquals(
        RuleGroups.fromRuleFiles(), RuleGroups.fromPrometheusRule(rendered.one("PrometheusRule")));
    Map<String, Object> pod = new AgentManifestChecks(rendered).podSpec();
    assertEquals(false, at(pod, "hostPID"));
    assertFalse(pod.containsKey("hostNetwork"), "hostNetwork without discovery");
    assertEquals(
        Map.of("drop", List.of("ALL")),
        map(new AgentManifestChecks(rendered).container(), "securityContext", "capabilities"));
    assertEquals("nvidia", string(pod, "runtimeClassName"));
  }

  @Test
  void dashboardsConfigMapCarriesEveryDashboardForTheGrafanaSidecar() throws Exception {
    Map<String, Object> dashboards =
        template().ofKind("ConfigMap").stream()
            .filter(c -> map(c, "metadata", "labels").containsKey("grafana_dashboard"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard"));
    assertEquals("1", string(dashboards, "metadata", "labels", "grafana_dashboard"));
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.list(HelmChart.SHIPPED_DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        expected.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    assertEquals(expected, new TreeMap<>(map(dashboards, "data")));
  }

  @Test
  void discoveryAndWebConfigValuesReachThePod() throws Exception {
    Manifests rendered =
        template(
            "discovery.enabled=true",
            "webConfig.enabled=true",
            "webConfig.content.basic_auth_users.prometheus=hash");
    AgentManifestChecks checks = new AgentManifestChecks(rendered);
    assertEquals(true, at(checks.podSpec(), "hostPID"));
    assertEquals(true, at(checks.podSpec(), "hostNetwork"));
    assertEquals("ClusterFirstWithHostNet", string(checks.podSpec(), "dnsPolicy"));
    Map<String, Object> securityContext = map(checks.container(), "securityContext");
    assertEquals(0, at(securityContext, "runAsUser"));
    assertEquals(false, at(securityContext, "runAsNonRoot"));
    assertEquals(
        Map.of("drop", List.of("ALL"), "add", List.of("SYS_PTRACE", "DAC_READ_SEARCH")),
        map(securityContext, "capabilities"));
    assertEquals(DiscoveryConfig.Mode.AUTO, checks.argsParseAndConfigLoads().discovery().mode());
    List<Object> args = list(checks.container(), "args");
    assertEquals(
        "/etc/tokenjoule/web/web-config.yml", args.get(args.indexOf("--web.config.file") + 1));
    Map<String, Object> secret = rendered.one("Secret");
    assertTrue(
        string(secret, "stringData", "web-config.yml").contains("prometheus: hash"),
        "web-config content");
  }

  @Test
  void probesFollowTheWebConfig() throws Exception {
    Map<String, Object> basicAuth =
        new AgentManifestChecks(
                template(
                    "webConfig.enabled=true", "webConfig.content.basic_auth_users.prometheus=hash"))
            .container();
    assertEquals("HTTP", string(basicAuth, "livenessProbe", "httpGet", "scheme"));
    assertEquals("/readyz", string(basicAuth, "readinessProbe", "httpGet", "path"));

    Map<String, Object> tls =
        new AgentManifestChecks(
                template(
                    "webConfig.enabled=true",
                    "webConfig.content.tls_server_config.cert_file=tls.crt",
                    "webConfig.content.tls_server_config.key_file=tls.key"))
            .container();
    assertEquals("HTTPS", string(tls, "livenessProbe", "httpGet", "scheme"));
    assertEquals("HTTPS", string(tls, "readinessProbe", "httpGet", "scheme"));

    Map<String, Object> mtls =
        new AgentManifestChecks(
                template(
                    "webConfig.enabled=true",
                    "webConfig.content.tls_server_config.cert_file=tls.crt",
                    "webConfig.content.tls_server_config.key_file=tls.key",
                    "webConfig.content.tls_server_config.client_auth_type="
                        + "RequireAndVerifyClientCert",
                    "webConfig.content.tls_server_config.client_ca_file=ca.crt"))
            .container();
    for (String probe : new String[] {"livenessProbe", "readinessProbe"}) {
      assertEquals("metrics", string(mtls, probe, "tcpSocket", "port"), probe);
      assertFalse(map(mtls, probe).containsKey("httpGet"), probe);
    }
  }

  @Test
  void everyObjectMatchesItsKubernetesSchemaAtTheDefaultsAndWithEveryOption() {
    KubernetesSchema.assertValid(template());
    KubernetesSchema.assertValid(
        template(
            "discovery.enabled=true",
            "webConfig.enabled=true",
            "webConfig.content.basic_auth_users.prometheus=hash",
            "serviceMonitor.scheme=https",
            "serviceMonitor.scrapeTimeout=10s",
            "serviceMonitor.tlsConfig.serverName=tokenjoule",
            "serviceMonitor.tlsConfig.ca.secret.name=tokenjoule-scrape-tls",
            "serviceMonitor.tlsConfig.ca.secret.key=ca.crt",
            "serviceMonitor.basicAuth.username.name=tokenjoule-scrape-auth",
            "serviceMonitor.basicAuth.username.key=username",
            "serviceMonitor.basicAuth.password.name=tokenjoule-scrape-auth",
            "serviceMonitor.basicAuth.password.key=password",
            "serviceMonitor.relabelings[0].targetLabel=cluster",
            "serviceMonitor.relabelings[0].replacement=gpu-a",
            "serviceMonitor.metricRelabelings[0].sourceLabels[0]=__name__",
            "serviceMonitor.metricRelabelings[0].regex=jvm_.*",
            "serviceMonitor.metricRelabelings[0].action=drop",
            "state.persistentVolumeClaim.claimName=tokenjoule-state"));
    KubernetesSchema.assertValid(template("state.hostPath=/var/lib/tokenjoule"));
  }

  @Test
  void serviceMonitorTakesSchemeTlsBasicAuthTimeoutAndRelabelings() {
    Map<String, Object> endpoint =
        Manifests.asMap(
            list(
                    template(
                            "serviceMonitor.scheme=https",
                            "serviceMonitor.scrapeTimeout=10s",
                            "serviceMonitor.tlsConfig.serverName=tokenjoule",
                            "serviceMonitor.basicAuth.username.name=auth",
                            "serviceMonitor.basicAuth.username.key=username",
                            "serviceMonitor.relabelings[0].targetLabel=cluster",
                            "serviceMonitor.relabelings[0].replacement=gpu-a",
                            "serviceMonitor.metricRelabelings[0].action=drop")
                        .one("ServiceMonitor"),
                    "spec",
                    "endpoints")
                .get(0),
            "endpoint");
    assertEquals("https", string(endpoint, "scheme"));
    assertEquals("10s", string(endpoint, "scrapeTimeout"));
    assertEquals(Map.of("serverName", "tokenjoule"), map(endpoint, "tlsConfig"));
    assertEquals(Map.of("name", "auth", "key", "username"), map(endpoint, "basicAuth", "username"));
    List<Object> relabelings = list(endpoint, "relabelings");
    assertEquals(2, relabelings.size(), "node, then the configured one: " + relabelings);
    assertEquals(Map.of("targetLabel", "cluster", "replacement", "gpu-a"), relabelings.get(1));
    assertEquals(List.of(Map.of("action", "drop")), list(endpoint, "metricRelabelings"));

    Map<String, Object> plain =
        Manifests.asMap(
            list(template().one("ServiceMonitor"), "spec", "endpoints").get(0), "endpoint");
    assertFalse(plain.containsKey("scheme") || plain.containsKey("tlsConfig"), plain.toString());
  }

  @Test
  void stateIsAnEmptyDirAHostPathOrEachNodesSubdirectoryOfAClaim() {
    assertTrue(stateVolume(template()).containsKey("emptyDir"));
    assertEquals(
        Map.of("path", "/var/lib/tokenjoule", "type", "Directory"),
        map(stateVolume(template("state.hostPath=/var/lib/tokenjoule")), "hostPath"));

    AgentManifestChecks claim =
        new AgentManifestChecks(template("state.persistentVolumeClaim.claimName=tj-state"));
    assertEquals(
        Map.of("claimName", "tj-state"),
        map(stateVolume(claim.podSpec()), "persistentVolumeClaim"));
    Map<String, Object> mount =
        list(claim.container(), "volumeMounts").stream()
            .map(m -> Manifests.asMap(m, "volumeMount"))
            .filter(m -> "state".equals(m.get("name")))
            .findFirst()
            .orElseThrow();
    assertEquals("$(NODE_NAME)", string(mount, "subPathExpr"));
    assertTrue(
        list(claim.container(), "env")
            .contains(
                Map.of(
                    "name",
                    "NODE_NAME",
                    "valueFrom",
                    Map.of("fieldRef", Map.of("fieldPath", "spec.nodeName")))),
        "NODE_NAME from the downward API");
  }

  private static Map<String, Object> stateVolume(Manifests rendered) {
    return stateVolume(new AgentManifestChecks(rendered).podSpec());
  }

  private static Map<String, Object> stateVolume(Map<String, Object> podSpec) {
    return list(podSpec, "volumes").stream()
        .map(v -> Manifests.asMap(v, "volume"))
        .filter(v -> "state".equals(v.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no state volume"));
  }
}
