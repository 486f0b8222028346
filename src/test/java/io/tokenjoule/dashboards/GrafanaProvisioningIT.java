package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.dashboards.Dashboard.Panel;
import io.tokenjoule.dashboards.Dashboard.Target;
import io.tokenjoule.rules.RuleFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A real Grafana, provisioned exactly as {@code deploy/grafana} says with the shipped dashboards,
 * and a real Prometheus (with the shipped rules) scraping the demo agent running in this JVM:
 * through Grafana's HTTP API every dashboard loads whole, and every panel query returns finite
 * data. Needs Docker; skipped without it. {@link DashboardQueriesIT} and {@link DashboardLintTest}
 * cover the same ground without Docker.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
@TestInstance(Lifecycle.PER_CLASS)
class GrafanaProvisioningIT {

  private static final DockerImageName GRAFANA = DockerImageName.parse("grafana/grafana:12.1.1");
  private static final DockerImageName PROMETHEUS = DockerImageName.parse("prom/prometheus:v3.5.0");
  private static final Duration WAIT_FOR_DATA = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  private DemoNode demo;
  private Network network;
  private GenericContainer<?> prometheus;
  private GenericContainer<?> grafana;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Dashboard> dashboards = Dashboard.loadShipped();

  @BeforeAll
  void start() throws Exception {
    demo = DemoNode.start(Duration.ofSeconds(1), Duration.ofSeconds(60));
    int agentPort = Integer.parseInt(demo.agentAddress().substring("127.0.0.1:".length()));
    Testcontainers.exposeHostPorts(agentPort);
    network = Network.newNetwork();

    Path config = work.resolve("prometheus.yml");
    String yaml =
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
            + "rule_files:\n  - /etc/prometheus/rules/*.rules.yml\n"
            + "scrape_configs:\n  - job_name: tokenjoule\n    static_configs:\n"
            + "      - targets: ['host.testcontainers.internal:"
            + agentPort
            + "']\n";
    Files.writeString(config, yaml);
    prometheus =
        new GenericContainer<>(PROMETHEUS)
            .withNetwork(network)
            .withNetworkAliases("prometheus")
            .withExposedPorts(9090)
            .withCopyFileToContainer(
                MountableFile.forHostPath(config), "/etc/prometheus/prometheus.yml")
            .waitingFor(Wait.forHttp("/-/ready").forStatusCode(200));
    for (Path rules : RuleFiles.ruleFiles()) {
      prometheus.withCopyFileToContainer(
          MountableFile.forHostPath(rules), "/etc/prometheus/rules/" + rules.getFileName());
    }
    prometheus.start();

    grafana =
        new GenericContainer<>(GRAFANA)
            .withNetwork(network)
            .withExposedPorts(3000)
            .withEnv("GF_SECURITY_ADMIN_PASSWORD", "admin")
            .withCopyFileToContainer(
                MountableFile.forHostPath(Path.of("deploy", "grafana", "provisioning")),
                "/etc/grafana/provisioning")
            .withCopyFileToContainer(
                MountableFile.forHostPath(Dashboard.DIRECTORY),
                "/var/lib/grafana/dashboards/tokenjoule")
            .waitingFor(Wait.forHttp("/api/health").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));
    grafana.start();
  }

  @AfterAll
  void stop() {
    if (grafana != null) {
      grafana.stop();
    }
    if (prometheus != null) {
      prometheus.stop();
    }
    if (network != null) {
      network.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void everyDashboardLoadsWhole() throws Exception {
    JsonNode found = grafanaGet("/api/search?type=dash-db&tag=tokenjoule");
    Set<String> uids = new TreeSet<>();
    found.forEach(hit -> uids.add(hit.path("uid").asText()));
    Set<String> expected = new TreeSet<>();
    dashboards.forEach(d -> expected.add(d.uid()));
    assertEquals(expected, uids, "dashboards Grafana provisioned");
    for (Dashboard d : dashboards) {
      JsonNode loaded = grafanaGet("/api/dashboards/uid/" + d.uid()).path("dashboard");
      assertEquals(d.title(), loaded.path("title").asText());
      Dashboard asLoaded = Dashboard.parse(d.file(), loaded);
      assertEquals(
          d.panels().stream().map(Panel::title).toList(),
          asLoaded.panels().stream().map(Panel::title).toList(),
          d.title() + ": panels as Grafana serves them");
    }
  }

  @Test
  void everyPanelQueryReturnsDataThroughGrafana() throws Exception {
    String datasourceUid = grafanaGet("/api/datasources/name/Prometheus").path("uid").asText();
    PrometheusApi direct =
        new PrometheusApi(
            URI.create("http://" + prometheus.getHost() + ":" + prometheus.getMappedPort(9090)),
            Duration.ofSeconds(10));
    long deadline = System.nanoTime() + WAIT_FOR_DATA.toNanos();
    List<String> failures;
    do {
      Thread.sleep(5_000);
      failures = new ArrayList<>();
      for (Dashboard d : dashboards) {
        DashboardVariables.Resolution variables = DashboardVariables.resolve(d, direct);
        for (Panel p : d.dataPanels()) {
          for (Target t : p.targets()) {
            String failure = queryThroughGrafana(datasourceUid, d, p, t, variables);
            if (failure != null) {
              failures.add(failure);
            }
          }
        }
      }
    } while (!failures.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), failures, "panels without finite data through Grafana");
  }

  /** Null when the panel query gives finite data through Grafana, else what is wrong. */
  private String queryThroughGrafana(
      String datasourceUid, Dashboard d, Panel p, Target t, DashboardVariables.Resolution variables)
      throws IOException, InterruptedException {
    String where = d.title() + " / " + p.title() + " / " + t.refId();
    String expr;
    try {
      // Grafana's own variables are left for Grafana to fill in.
      expr = variables.substitute(t.expr(), grafanaVariablesAsThemselves());
    } catch (IllegalArgumentException e) {
      return where + ": " + e.getMessage();
    }
    ObjectNode body = JSON.createObjectNode().put("from", "now-5m").put("to", "now");
    ObjectNode query = body.putArray("queries").addObject();
    query
        .put("refId", t.refId())
        .put("expr", expr)
        .put("instant", t.instant())
        .put("range", !t.instant());
    query.put("intervalMs", 15_000).put("maxDataPoints", 300);
    query.putObject("datasource").put("type", "prometheus").put("uid", datasourceUid);
    HttpResponse<String> response =
        http.send(
            authorised("/api/ds/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(response.body()).path("results").path(t.refId());
    if (response.statusCode() != 200 || result.has("error")) {
      return where
          + ": HTTP "
          + response.statusCode()
          + " "
          + result.path("error").asText(response.body());
    }
    int finite = 0;
    for (JsonNode frame : result.path("frames")) {
      JsonNode fields = frame.path("schema").path("fields");
      JsonNode values = frame.path("data").path("values");
      for (int i = 0; i < fields.size(); i++) {
        if (!"number".equals(fields.get(i).path("type").asText())) {
          continue;
        }
        JsonNode entities = frame.path("data").path("entities").path(i);
        if (entities.has("NaN") || entities.has("Inf") || entities.has("NegInf")) {
          return where + ": not finite: " + entities;
        }
        for (JsonNode value : values.path(i)) {
          if (value.isNumber()) {
            finite++;
          }
        }
      }
    }
    return finite > 0 ? null : where + ": no data through Grafana (" + expr + ")";
  }

  private static Map<String, String> grafanaVariablesAsThemselves() {
    return Map.of(
        "__rate_interval", "$__rate_interval",
        "__interval", "$__interval",
        "__interval_ms", "$__interval_ms",
        "__range", "$__range",
        "__range_s", "$__range_s",
        "__range_ms", "$__range_ms");
  }

  private JsonNode grafanaGet(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder authorised(String path) {
    String credentials =
        Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(
            URI.create(
                String.format(
                    Locale.ROOT,
                    "http://%s:%d%s",
                    grafana.getHost(),
                    grafana.getMappedPort(3000),
                    path)))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + credentials);
  }
}
