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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * {@code helm lint} and {@code helm template} of the chart, in the {@code alpine/helm} image; the
 * rendered objects pass the same {@link AgentManifestChecks} as the Kustomize base. Skipped without
 * Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class HelmChartIT {

  private static final DockerImageName HELM = DockerImageName.parse("alpine/helm:3.16.2");
  private static final String EXIT_MARKER = "helm-exit=";

  /** What one helm command printed, and its exit status. */
  private record HelmRun(String stdout, String stderr, int exit) {}

  @Test
  void lintPasses() {
    HelmRun run = helm("lint", "/chart");
    assertEquals(0, run.exit(), run.stdout() + run.stderr());
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
            "--set", "discovery.enabled=true",
            "--set", "webConfig.enabled=true",
            "--set", "webConfig.content.basic_auth_users.prometheus=hash");
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
                    "--set", "webConfig.enabled=true",
                    "--set", "webConfig.content.basic_auth_users.prometheus=hash"))
            .container();
    assertEquals("HTTP", string(basicAuth, "livenessProbe", "httpGet", "scheme"));
    assertEquals("/readyz", string(basicAuth, "readinessProbe", "httpGet", "path"));

    Map<String, Object> tls =
        new AgentManifestChecks(
                template(
                    "--set", "webConfig.enabled=true",
                    "--set", "webConfig.content.tls_server_config.cert_file=tls.crt",
                    "--set", "webConfig.content.tls_server_config.key_file=tls.key"))
            .container();
    assertEquals("HTTPS", string(tls, "livenessProbe", "httpGet", "scheme"));
    assertEquals("HTTPS", string(tls, "readinessProbe", "httpGet", "scheme"));

    Map<String, Object> mtls =
        new AgentManifestChecks(
                template(
                    "--set", "webConfig.enabled=true",
                    "--set", "webConfig.content.tls_server_config.cert_file=tls.crt",
                    "--set", "webConfig.content.tls_server_config.key_file=tls.key",
                    "--set",
                        "webConfig.content.tls_server_config.client_auth_type="
                            + "RequireAndVerifyClientCert",
                    "--set", "webConfig.content.tls_server_config.client_ca_file=ca.crt"))
            .container();
    for (String probe : new String[] {"livenessProbe", "readinessProbe"}) {
      assertEquals("metrics", string(mtls, probe, "tcpSocket", "port"), probe);
      assertFalse(map(mtls, probe).containsKey("httpGet"), probe);
    }
  }

  private static Manifests template(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", "tj", "/chart"));
    args.addAll(List.of(extraArgs));
    HelmRun run = helm(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.stderr());
    return Manifests.parse(run.stdout());
  }

  /** Runs helm in a one-shot container with the chart at /chart; never fails on helm's exit. */
  private static HelmRun helm(String... args) {
    List<String> command =
        new ArrayList<>(List.of("-c", "helm \"$@\"; echo " + EXIT_MARKER + "$? >&2", "sh"));
    command.addAll(List.of(args));
    try (GenericContainer<?> container =
        new GenericContainer<>(HELM)
            .withCopyFileToContainer(MountableFile.forHostPath(HelmChart.DIR), "/chart")
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"))
            .withCommand(command.toArray(String[]::new))
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      container.start();
      String stdout = container.getLogs(OutputType.STDOUT);
      String stderr = container.getLogs(OutputType.STDERR);
      int marker = stderr.lastIndexOf(EXIT_MARKER);
      assertTrue(marker >= 0, "helm did not run: " + stderr);
      int exit = Integer.parseInt(stderr.substring(marker + EXIT_MARKER.length()).trim());
      return new HelmRun(stdout, stderr, exit);
    }
  }
}
