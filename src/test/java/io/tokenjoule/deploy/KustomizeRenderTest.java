package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.asMap;
import static io.tokenjoule.deploy.Manifests.at;
import static io.tokenjoule.deploy.Manifests.list;
import static io.tokenjoule.deploy.Manifests.map;
import static io.tokenjoule.deploy.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void discoveryComponentTurnsOnHostPid(@TempDir Path overlay) throws Exception {
    Manifests rendered = renderWithComponents(overlay, "discovery");
    assertEquals(
        true, at(new AgentManifestChecks(rendered).podSpec(), "hostPID"), "hostPID with discovery");
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
