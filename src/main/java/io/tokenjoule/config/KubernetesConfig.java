package io.tokenjoule.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether the agent tells discovered servers' pods apart, and where it reads what it needs: the
 * kubelet's pod-resources socket (which pod and container hold which GPU, with their names) and the
 * kubelet's container log links (which container ID belongs to which pod). Neither needs cluster
 * credentials.
 *
 * @param mode {@link Mode#AUTO} (the default: on where the pod-resources socket exists), {@link
 *     Mode#ON} or {@link Mode#OFF}
 * @param labels whether server series carry {@code namespace}, {@code pod} and {@code container}
 *     labels; {@code tokenjoule_pod_info} is exported either way
 * @param podResourcesSocket the kubelet's pod-resources socket
 * @param containerLogs the kubelet's container log links, {@code /var/log/containers}
 * @param gonePodGrace how long a server whose pod is gone keeps its series, 0 s to 24 h
 */
public record KubernetesConfig(
    Mode mode, boolean labels, Path podResourcesSocket, Path containerLogs, Duration gonePodGrace) {

  public static final Path DEFAULT_SOCKET = Path.of("/var/lib/kubelet/pod-resources/kubelet.sock");
  public static final Path DEFAULT_CONTAINER_LOGS = Path.of("/var/log/containers");
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
  public static final Duration MAX_GRACE = Duration.ofHours(24);

  /** Whether pods are resolved. */
  public enum Mode {
    OFF,
    AUTO,
    ON
  }

  public KubernetesConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(podResourcesSocket, "podResourcesSocket");
    Objects.requireNonNull(containerLogs, "containerLogs");
    Objects.requireNonNull(gonePodGrace, "gonePodGrace");
    if (gonePodGrace.isNegative() || gonePodGrace.compareTo(MAX_GRACE) > 0) {
      throw new IllegalArgumentException(
          "gone_pod_grace must be between 0s and 24h, got " + DurationSyntax.format(gonePodGrace));
    }
  }

  /** The defaults: auto, with labels, the kubelet's paths, 5 minutes' grace. */
  public static KubernetesConfig defaults() {
    return new KubernetesConfig(
        Mode.AUTO, true, DEFAULT_SOCKET, DEFAULT_CONTAINER_LOGS, DEFAULT_GRACE);
  }

  /** The same settings with {@code labels} as given. */
  public KubernetesConfig withLabels(boolean labels) {
    return new KubernetesConfig(mode, labels, podResourcesSocket, containerLogs, gonePodGrace);
  }

  /**
   * Whether pods are resolved on this host: always with {@code on}, never with {@code off}, and
   * with {@code auto} where the pod-resources socket exists (a Kubernetes node with it mounted).
   */
  public boolean enabledHere() {
    return mode == Mode.ON || (mode == Mode.AUTO && Files.exists(podResourcesSocket));
  }
}
