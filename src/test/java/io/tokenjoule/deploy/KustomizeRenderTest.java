package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.asMap;
import static io.tokenjoule.deploy.Manifests.at;
import static io.tokenjoule.deploy.Manifests.list;
import static io.tokenjoule.deploy.Manifests.map;
import static io.tokenjoule.deploy.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.DiscoveryConfig;
import io.tokenjoule.config.KubernetesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders {@code deploy/kubernetes} with {@code kubectl kustomize} and checks that the objects
 * deploy an agent that starts and is scraped: see {@link AgentManifestChecks}. Skipped without
 * kubectl.
 */
class KustomizeRenderTest {

  static final Path BASE = Path.of("deploy", "kubernetes");

  private static Manifests base;
  private static AgentManifestChecks checks;

  @BeforeAll
  static void render() throws Exception {
    Kubectl.assumeInstalled();
    base = Manifests.parse(Kubectl.kustomize(BASE));
    checks = new AgentManifestChecks(base);
  }

  @Test
  void containerServesMetricsOnPort9847NamedMetrics() {
    checks.containerPortIsNamedMetrics();
  }

  @Test
  void probesAreHealthzAndReadyzOnTheMetricsPort() {
    checks.probesUseHealthAndReadyPaths();
  }

  @Test
  void argsAreAnAgentCommandLineWhoseMountedConfigLoads() {
    var config = checks.argsParseAndConfigLoads();
    assertEquals(List.of(), config.servers(), "no servers by default");
    assertEquals(Path.of("/var/lib/tokenjoule"), config.stateDirectory());
    assertTrue(
        volumeMountPaths().contains(config.stateDirectory().toString()),
        "the state directory is a volume: the root filesystem is read-only");
  }

  @Test
  void serviceMonitorSelectsTheHeadlessServiceAndItsPort() {
    checks.serviceAndMonitorSelectTheAgent();
  }

  @Test
  void runsOnGpuNodesThroughTheNvidiaRuntime() {
    Map<String, Object> pod = checks.podSpec();
    assertEquals(Map.of("nvidia.com/gpu.present", "true"), map(pod, "nodeSelector"));
    assertTrue(
        list(pod, "tolerations")
            .contains(
                Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")),
        "tolerates the nvidia.com/gpu taint");
    assertEquals("nvidia", string(pod, "runtimeClassName"));
    Map<String, String> env = env();
    assertEquals("all", env.get("NVIDIA_VISIBLE_DEVICES"));
    assertEquals("utility", env.get("NVIDIA_DRIVER_CAPABILITIES"));
    assertEquals(false, at(pod, "hostPID"), "no host PID namespace without discovery");
  }

  @Test
  void runsUnprivilegedOnAReadOnlyRootWithMeasuredResources() {
    Map<String, Object> pod = checks.podSpec();
    Map<String, Object> container = checks.container();
    assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
    assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
    assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
    assertEquals(
        Map.of(
            "requests",
            Map.of("cpu", "10m", "memory", "128Mi"),
            "limits",
            Map.of("memory", "192Mi")),
        at(container, "resources"));
    assertEquals(JvmOptions.flags(), env().get("JAVA_TOOL_OPTIONS"));
    assertEquals("2", env().get("MALLOC_ARENA_MAX"));
  }

  @Test
  void prometheusRuleCarriesExactlyTheRuleFilesGroups() {
    assertEquals(
        RuleGroups.fromRuleFiles(), RuleGroups.fromPrometheusRule(base.one("PrometheusRule")));
  }

  @Test
  void baseStaysInThePodsNamespacesWithoutCapabilitiesOrDiscovery() {
    Map<String, Object> pod = checks.podSpec();
    assertEquals(false, at(pod, "hostPID"));
    assertFalse(pod.containsKey("hostNetwork"), "hostNetwork in the base");
    assertFalse(pod.containsKey("dnsPolicy"), "dnsPolicy in the base");
    Map<String, Object> container = checks.container();
    assertFalse(map(container, "securityContext").containsKey("runAsUser"), "container uid");
    assertFalse(
        map(container, "securityContext").containsKey("runAsNonRoot"), "container runAsNonRoot");
    assertEquals(Map.of("drop", List.of("ALL")), map(container, "securityContext", "capabilities"));
    assertEquals(DiscoveryConfig.off(), checks.argsParseAndConfigLoads().discovery());
  }

  @Test
  void discoveryComponentSharesTheHostsPidAndNetworkNamespaces(@TempDir Path overlay)
      throws Exception {
    Map<String, Object> pod = new AgentManifestChecks(renderDiscovery(overlay)).podSpec();
    assertEquals(true, at(pod, "hostPID"), "NVML reports host PIDs");
    assertEquals(true, at(pod, "hostNetwork"), "the agent sees its own namespace's sockets");
    assertEquals("ClusterFirstWithHostNet", string(pod, "dnsPolicy"));
  }

  @Test
  void discoveryComponentRunsTheContainerAsRootWithOnlyTheTwoCapabilities(@TempDir Path overlay)
      throws Exception {
    AgentManifestChecks discovery = new AgentManifestChecks(renderDiscovery(overlay));
    Map<String, Object> securityContext = map(discovery.container(), "securityContext");
    assertEquals(0, at(securityContext, "runAsUser"));
    assertEquals(false, at(securityContext, "runAsNonRoot"));
    assertEquals(
        Map.of("drop", List.of("ALL"), "add", List.of("SYS_PTRACE", "DAC_READ_SEARCH")),
        map(securityContext, "capabilities"));
    assertEquals(false, at(securityContext, "allowPrivilegeEscalation"));
    assertEquals(true, at(securityContext, "readOnlyRootFilesystem"));
    assertEquals(
        true, at(discovery.podSpec(), "securityContext", "runAsNonRoot"), "the pod's default");
  }

  @Test
  void discoveryComponentsConfigIsTheBasesWithDiscoveryAuto(@TempDir Path overlay)
      throws Exception {
    AgentManifestChecks discovery = new AgentManifestChecks(renderDiscovery(overlay));
    AgentConfig withDiscovery = discovery.argsParseAndConfigLoads();
    assertEquals(DiscoveryConfig.Mode.AUTO, withDiscovery.discovery().mode());
    assertEquals(Duration.ofSeconds(60), withDiscovery.discovery().interval());
    AgentConfig base = checks.argsParseAndConfigLoads();
    assertEquals(withDiscovery(base, withDiscovery.discovery()), withDiscovery);
    discovery.all();
  }

  @Test
  void kubernetesComponentMountsTheKubeletsSocketAndLogLinksReadOnlyWithoutRbac(
      @TempDir Path overlay) throws Exception {
    Manifests rendered = renderWithComponents(overlay, "discovery", "kubernetes");
    AgentManifestChecks withPods = new AgentManifestChecks(rendered);
    AgentConfig config = withPods.argsParseAndConfigLoads();
    assertEquals(KubernetesConfig.Mode.AUTO, config.kubernetes().mode(), "auto: on where mounted");
    assertTrue(config.kubernetes().labels());
    Map<String, String> hostPaths = new HashMap<>();
    for (Object v : list(withPods.podSpec(), "volumes")) {
      Map<String, Object> volume = asMap(v, "volume");
      if (volume.containsKey("hostPath")) {
        hostPaths.put(string(volume, "name"), string(volume, "hostPath", "path"));
      }
    }
    Map<String, Object> mounts = new HashMap<>();
    for (Object m : list(withPods.container(), "volumeMounts")) {
      Map<String, Object> mount = asMap(m, "volumeMount");
      mounts.put(string(mount, "name"), mount);
    }
    for (Path needed :
        List.of(
            config.kubernetes().podResourcesSocket().getParent(),
            config.kubernetes().containerLogs())) {
      String volume =
          hostPaths.entrySet().stream()
              .filter(e -> e.getValue().equals(needed.toString()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no hostPath volume of " + needed));
      Map<String, Object> mount = asMap(mounts.get(volume), "mount of " + volume);
      assertEquals(needed.toString(), string(mount, "mountPath"), "mounted where the config reads");
      assertEquals(true, mount.get("readOnly"), volume + " read-only");
    }
    assertEquals(true, at(withPods.podSpec(), "hostPID"), "cgroups of the servers' processes");
    Map<String, Object> endpoint =
        asMap(list(rendered.one("ServiceMonitor"), "spec", "endpoints").get(0), "endpoint");
    assertEquals(true, endpoint.get("honorLabels"), "the servers' namespace/pod labels are kept");
    for (String kind : List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")) {
      assertEquals(List.of(), rendered.ofKind(kind), kind + ": no RBAC is needed");
    }
  }

  @Test
  void webConfigComponentMountsTheSecretAtTheFlagsPath(@TempDir Path overlay) throws Exception {
    Manifests rendered = renderWithComponents(overlay, "web-config");
    AgentManifestChecks withWebConfig = new AgentManifestChecks(rendered);
    List<Object> args = list(withWebConfig.container(), "args");
    int flag = args.indexOf("--web.config.file");
    assertTrue(flag >= 0, "--web.config.file in " + args);
    String file = String.valueOf(args.get(flag + 1));
    Map<String, Object> secretVolume =
        list(withWebConfig.podSpec(), "volumes").stream()
            .map(v -> asMap(v, "volume"))
            .filter(v -> v.containsKey("secret"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Secret volume"));
    Map<String, Object> mount =
        list(withWebConfig.container(), "volumeMounts").stream()
            .map(m -> asMap(m, "volumeMount"))
            .filter(m -> secretVolume.get("name").equals(m.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Secret volume is not mounted"));
    String key = file.substring(string(mount, "mountPath").length() + 1);
    Map<String, Object> secret =
        rendered.named("Secret", string(secretVolume, "secret", "secretName"));
    assertTrue(map(secret, "data").containsKey(key), "Secret key " + key);
  }

  @Test
  void everyObjectMatchesItsKubernetesSchemaWithAndWithoutEachComponent(@TempDir Path overlay)
      throws Exception {
    KubernetesSchema.assertValid(base);
    KubernetesSchema.assertValid(
        renderWithComponents(overlay, "discovery", "web-config", "scrape-auth", "state-hostpath"));
  }

  /** Not every Service labelled component: agent, only the agent's. */
  @Test
  void serviceMonitorSelectsOnlyTheAgentsService() {
    assertEquals(
        Map.of("app.kubernetes.io/name", "tokenjoule", "app.kubernetes.io/component", "agent"),
        map(base.one("ServiceMonitor"), "spec", "selector", "matchLabels"));
  }

  @Test
  void scrapeAuthComponentScrapesWithHttpsACaBasicAuthAndATimeout(@TempDir Path overlay)
      throws Exception {
    Map<String, Object> endpoint =
        asMap(
            list(
                    renderWithComponents(overlay, "web-config", "scrape-auth")
                        .one("ServiceMonitor"),
                    "spec",
                    "endpoints")
                .get(0),
            "endpoint");
    assertEquals("https", string(endpoint, "scheme"));
    assertEquals("10s", string(endpoint, "scrapeTimeout"));
    assertEquals("tokenjoule-scrape-tls", string(endpoint, "tlsConfig", "ca", "secret", "name"));
    assertEquals("tokenjoule-scrape-auth", string(endpoint, "basicAuth", "password", "name"));
    assertEquals(1, list(endpoint, "relabelings").size(), "the node relabeling stays");
  }

  @Test
  void stateHostPathComponentKeepsBaselinesOnTheNode(@TempDir Path overlay) throws Exception {
    AgentManifestChecks hostPath =
        new AgentManifestChecks(renderWithComponents(overlay, "state-hostpath"));
    Map<String, Object> state =
        list(hostPath.podSpec(), "volumes").stream()
            .map(v -> asMap(v, "volume"))
            .filter(v -> "state".equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertEquals(
        Map.of(
            "name",
            "state",
            "hostPath",
            Map.of("path", "/var/lib/tokenjoule", "type", "Directory")),
        state);
    assertEquals(
        Path.of("/var/lib/tokenjoule"), hostPath.argsParseAndConfigLoads().stateDirectory());
  }

  private static Manifests renderDiscovery(Path overlay) throws Exception {
    return renderWithComponents(overlay, "discovery");
  }

  private static AgentConfig withDiscovery(AgentConfig config, DiscoveryConfig discovery) {
    return new AgentConfig(
        config.listen(),
        config.tick(),
        config.window(),
        config.gpus(),
        config.nvml(),
        config.scrape(),
        config.servers(),
        config.economics(),
        config.carbon(),
        config.baseline(),
        config.stateDirectory(),
        discovery,
        config.energy(),
        config.otlp(),
        config.kubernetes(),
        config.proxy());
  }

  /** Renders an overlay of the base with these components (Kustomize wants relative paths). */
  private static Manifests renderWithComponents(Path overlay, String... components)
      throws Exception {
    Path baseDir = overlay.toAbsolutePath().relativize(BASE.toAbsolutePath());
    StringBuilder kustomization =
        new StringBuilder("resources:\n  - " + baseDir + "\ncomponents:\n");
    for (String component : components) {
      kustomization
          .append("  - ")
          .append(baseDir.resolve("components").resolve(component))
          .append('\n');
    }
    Files.writeString(overlay.resolve("kustomization.yaml"), kustomization);
    return Manifests.parse(Kubectl.kustomize(overlay));
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    for (Object e : list(checks.container(), "env")) {
      Map<String, Object> variable = asMap(e, "env");
      env.put(string(variable, "name"), string(variable, "value"));
    }
    return env;
  }

  private static List<String> volumeMountPaths() {
    return list(checks.container(), "volumeMounts").stream()
        .map(m -> string(asMap(m, "volumeMount"), "mountPath"))
        .toList();
  }
}
