package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.cli.TokenjouleCommand;
import io.tokenjoule.deploy.ComposeFile.BindMount;
import io.tokenjoule.rules.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The compose demo checked without Docker: mounts exist, the agent's command parses. */
class ComposeFileTest {

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void everyMountedHostPathExists() {
    List<BindMount> mounts = compose.bindMounts();
    assertEquals(5, mounts.size(), "bind mounts: " + mounts);
    for (BindMount mount : mounts) {
      assertTrue(Files.exists(mount.hostPath()), mount + ": host path missing");
    }
  }

  @Test
  void grafanaAndPrometheusGetTheShippedDashboardsAndRules() {
    Map<String, Path> byTarget =
        compose.bindMounts().stream()
            .collect(
                java.util.stream.Collectors.toMap(BindMount::containerPath, BindMount::hostPath));
    assertEquals(Path.of("dashboards"), byTarget.get("/var/lib/grafana/dashboards/tokenjoule"));
    assertEquals(RuleFiles.RULES_DIR, byTarget.get("/etc/prometheus/rules"));
    assertEquals(
        Path.of("deploy", "grafana", "provisioning", "datasources"),
        byTarget.get("/etc/grafana/provisioning/datasources"));
  }

  @Test
  void agentCommandIsTheDemoOnPort9847() {
    List<String> command =
        list(compose.service("tokenjoule"), "command").stream().map(String::valueOf).toList();
    ParseResult parsed =
        new CommandLine(new TokenjouleCommand()).parseArgs(command.toArray(String[]::new));
    assertEquals("demo", parsed.subcommand().commandSpec().name());
    String listen = parsed.subcommand().matchedOptionValue("--web.listen-address", null);
    assertEquals(":9847", listen);
    assertTrue(
        list(compose.service("tokenjoule"), "ports").contains("9847:9847"), "port published");
  }

  @Test
  void prometheusScrapesTheAgentServiceAsJobTokenjoule() throws Exception {
    Map<String, Object> config = RuleGroups.load(ComposeFile.DIR.resolve("prometheus.yml"));
    Map<String, Object> job = Manifests.asMap(list(config, "scrape_configs").get(0), "job");
    assertEquals("tokenjoule", job.get("job_name"));
    Map<String, Object> staticConfig =
        Manifests.asMap(list(job, "static_configs").get(0), "static_config");
    assertEquals(List.of("tokenjoule:9847"), list(staticConfig, "targets"));
    assertEquals(List.of("rules/*.rules.yml"), list(config, "rule_files"));
  }
}
