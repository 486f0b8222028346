package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kubernetes} section: defaults, every key, and the messages for bad values. */
class KubernetesConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private KubernetesConfig kubernetes(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).kubernetes();
  }

  @Test
  void absentMeansAutoWithLabelsAtTheKubeletsPaths() throws Exception {
    KubernetesConfig config = kubernetes("tick: 1s\n");

    assertEquals(KubernetesConfig.defaults(), config);
    assertEquals(KubernetesConfig.Mode.AUTO, config.mode());
    assertTrue(config.labels());
    assertEquals(
        Path.of("/var/lib/kubelet/pod-resources/kubelet.sock"), config.podResourcesSocket());
    assertEquals(Path.of("/var/log/containers"), config.containerLogs());
    assertEquals(Duration.ofMinutes(5), config.gonePodGrace());
  }

  @Test
  void readsEveryKey() throws Exception {
    KubernetesConfig config =
        kubernetes(
            "kubernetes:\n"
                + "  mode: on\n"
                + "  labels: false\n"
                + "  pod_resources_socket: /run/kubelet/pr.sock\n"
                + "  container_logs: /host/var/log/containers\n"
                + "  gone_pod_grace: 90s\n");

    assertEquals(config, config.withLabels(true).withLabels(false));
    assertTrue(config.withLabels(true).labels());
    assertEquals(
        new KubernetesConfig(
            KubernetesConfig.Mode.ON,
            false,
            Path.of("/run/kubelet/pr.sock"),
            Path.of("/host/var/log/containers"),
            Duration.ofSeconds(90)),
        config);
  }

  @Test
  void autoIsOnWhereTheSocketExistsAndOffElsewhere(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("kubelet.sock");
    KubernetesConfig auto =
        new KubernetesConfig(
            KubernetesConfig.Mode.AUTO,
            true,
            socket,
            KubernetesConfig.DEFAULT_CONTAINER_LOGS,
            KubernetesConfig.DEFAULT_GRACE);
    assertFalse(auto.enabledHere());
    Files.createFile(socket);
    assertTrue(auto.enabledHere());
    assertFalse(
        new KubernetesConfig(
                KubernetesConfig.Mode.OFF,
                true,
                socket,
                KubernetesConfig.DEFAULT_CONTAINER_LOGS,
                KubernetesConfig.DEFAULT_GRACE)
            .enabledHere());
  }

  @Test
  void badValuesNameTheirPlace() {
    String message =
        assertThrows(
                ConfigException.class,
                () ->
                    loader.parse(
                        "kubernetes:\n"
                            + "  mode: maybe\n"
                            + "  labels: yes-please\n"
                            + "  pod_resources_socket: relative.sock\n"
                            + "  gone_pod_grace: 2d\n"
                            + "  namespace: x\n",
                        "tokenjoule.yaml",
                        List.of()))
            .getMessage();

    assertTrue(message.contains("tokenjoule.yaml:2:9: kubernetes.mode"), message);
    assertTrue(message.contains("off, auto or on"), message);
    assertTrue(message.contains("tokenjoule.yaml:3:11: kubernetes.labels"), message);
    assertTrue(message.contains("true or false"), message);
    assertTrue(message.contains("kubernetes.pod_resources_socket"), message);
    assertTrue(message.contains("an absolute path"), message);
    assertTrue(message.contains("kubernetes.gone_pod_grace"), message);
    assertTrue(message.contains("must be at most 24h"), message);
    assertTrue(message.contains("kubernetes.namespace"), message);
  }
}
