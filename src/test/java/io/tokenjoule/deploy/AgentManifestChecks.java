package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.asMap;
import static io.tokenjoule.deploy.Manifests.at;
import static io.tokenjoule.deploy.Manifests.list;
import static io.tokenjoule.deploy.Manifests.map;
import static io.tokenjoule.deploy.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tokenjoule.cli.TokenjouleCommand;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.scrape.EngineProfiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks that rendered manifests (from Kustomize or Helm) deploy an agent that can actually start:
 * the container's arguments parse with the real command line, the configuration file they name is
 * mounted from a ConfigMap whose content the real loader accepts, and the port, probes, Service and
 * ServiceMonitor agree with what the agent serves.
 */
final class AgentManifestChecks {

  static final int METRICS_PORT = 9847;
  static final String PORT_NAME = "metrics";

  private final Manifests manifests;

  AgentManifestChecks(Manifests manifests) {
    this.manifests = manifests;
  }

  /** Runs every check. */
  void all() {
    containerPortIsNamedMetrics();
    probesUseHealthAndReadyPaths();
    argsParseAndConfigLoads();
    serviceAndMonitorSelectTheAgent();
  }

  Map<String, Object> daemonSet() {
    return manifests.one("DaemonSet");
  }

  Map<String, Object> podSpec() {
    return map(daemonSet(), "spec", "template", "spec");
  }

  Map<String, Object> container() {
    List<Object> containers = list(podSpec(), "containers");
    assertEquals(1, containers.size(), "containers in the agent pod");
    return asMap(containers.get(0), "container");
  }

  void containerPortIsNamedMetrics() {
    List<Object> ports = list(container(), "ports");
    assertEquals(1, ports.size(), "container ports");
    Map<String, Object> port = asMap(ports.get(0), "port");
    assertEquals(PORT_NAME, string(port, "name"));
    assertEquals(METRICS_PORT, at(port, "containerPort"));
  }

  void probesUseHealthAndReadyPaths() {
    assertProbe("livenessProbe", "/healthz");
    assertProbe("readinessProbe", "/readyz");
  }

  private void assertProbe(String probe, String path) {
    Map<String, Object> httpGet = map(container(), probe, "httpGet");
    assertEquals(path, string(httpGet, "path"), probe);
    Object port = at(httpGet, "port");
    assertTrue(
        PORT_NAME.equals(port) || Integer.valueOf(METRICS_PORT).equals(port),
        probe + " port " + port + " is neither " + PORT_NAME + " nor " + METRICS_PORT);
  }

  /**
   * The args parse with the real {@code tokenjoule} command line into {@code agent}; the file given
   * to {@code --config} is a key of a ConfigMap mounted there, and that content loads.
   */
  AgentConfig argsParseAndConfigLoads() {
    List<String> args = list(container(), "args").stream().map(String::valueOf).toList();
    ParseResult parsed;
    try {
      parsed = new CommandLine(new TokenjouleCommand()).parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new AssertionError("container args " + args + " rejected: " + e.getMessage(), e);
    }
    ParseResult agent = parsed.subcommand();
    assertNotNull(agent, "no subcommand in " + args);
    assertEquals("agent", agent.commandSpec().name());
    Path configFile = agent.matchedOptionValue("--config", null);
    assertNotNull(configFile, "no --config in " + args);

    String yaml = mountedConfigMapContent(configFile.toString());
    AgentConfig config;
    try {
      config =
          new ConfigLoader(EngineProfiles.names()).parse(yaml, configFile.toString(), List.of());
    } catch (ConfigException e) {
      throw new AssertionError("the mounted configuration does not load:\n" + e.getMessage(), e);
    }
    assertEquals(METRICS_PORT, config.listen().port(), "listen_address port vs containerPort");
    return config;
  }

  /** The content of the ConfigMap key mounted at this file path in the agent container. */
  String mountedConfigMapContent(String file) {
    for (Object m : list(container(), "volumeMounts")) {
      Map<String, Object> mount = asMap(m, "volumeMount");
      String mountPath = string(mount, "mountPath");
      String key;
      if (mount.containsKey("subPath")) {
        if (!mountPath.equals(file)) {
          continue;
        }
        key = string(mount, "subPath");
      } else if (file.startsWith(mountPath + "/")) {
        key = file.substring(mountPath.length() + 1);
      } else {
        continue;
      }
      Map<String, Object> volume = volume(string(mount, "name"));
      if (!volume.containsKey("configMap")) {
        fail(file + " is mounted from volume " + volume.get("name") + ", not a ConfigMap");
      }
      String configMapName = string(volume, "configMap", "name");
      Map<String, Object> data = map(manifests.named("ConfigMap", configMapName), "data");
      Object content = data.get(key);
      assertNotNull(content, "ConfigMap " + configMapName + " has no key " + key);
      return content.toString();
    }
    throw new AssertionError("nothing is mounted at " + file);
  }

  private Map<String, Object> volume(String name) {
    for (Object v : list(podSpec(), "volumes")) {
      Map<String, Object> volume = asMap(v, "volume");
      if (name.equals(volume.get("name"))) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  /**
   * The Service selects the pod's labels and exposes the named port; the ServiceMonitor selects the
   * Service's labels and scrapes that port by name.
   */
  void serviceAndMonitorSelectTheAgent() {
    Map<String, Object> service = manifests.one("Service");
    Map<String, Object> podLabels = map(daemonSet(), "spec", "template", "metadata", "labels");
    assertSubset(map(service, "spec", "selector"), podLabels, "Service selector vs pod labels");
    List<Object> ports = list(service, "spec", "ports");
    assertEquals(1, ports.size(), "Service ports");
    Map<String, Object> port = asMap(ports.get(0), "Service port");
    assertEquals(PORT_NAME, string(port, "name"));
    assertEquals(METRICS_PORT, at(port, "port"));
    assertEquals(PORT_NAME, string(port, "targetPort"));
    assertEquals("None", string(service, "spec", "clusterIP"), "a headless Service");

    Map<String, Object> monitor = manifests.one("ServiceMonitor");
    assertEquals("monitoring.coreos.com/v1", string(monitor, "apiVersion"));
    assertSubset(
        map(monitor, "spec", "selector", "matchLabels"),
        map(service, "metadata", "labels"),
        "ServiceMonitor selector vs Service labels");
    List<Object> endpoints = list(monitor, "spec", "endpoints");
    assertEquals(1, endpoints.size(), "ServiceMonitor endpoints");
    assertEquals(PORT_NAME, string(asMap(endpoints.get(0), "endpoint"), "port"));
    // The alert rules expect job="tokenjoule"; the job is the value of the jobLabel label.
    String jobLabel = string(monitor, "spec", "jobLabel");
    assertEquals("tokenjoule", string(map(service, "metadata", "labels"), jobLabel), "job name");
  }

  private static void assertSubset(
      Map<String, Object> selector, Map<String, Object> labels, String what) {
    assertTrue(!selector.isEmpty(), what + ": empty selector");
    selector.forEach(
        (k, v) -> assertEquals(v, labels.get(k), what + ": label " + k + " in " + labels));
  }
}
