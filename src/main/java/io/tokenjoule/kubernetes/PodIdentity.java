package io.tokenjoule.kubernetes;

import java.util.Objects;

/**
 * Who a process is in Kubernetes: the {@code namespace}, {@code pod} and {@code container} labels.
 *
 * @param namespace the pod's namespace, never blank
 * @param pod the pod's name, never blank
 * @param container the container's name; empty when only the pod is known
 * @param podUid the pod's UID; empty when not known (pod-resources does not give it)
 */
public record PodIdentity(String namespace, String pod, String container, String podUid) {
  public PodIdentity {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(podUid, "podUid");
    if (namespace.isBlank() || pod.isBlank()) {
      throw new IllegalArgumentException(
          "a pod needs a namespace and a name, got '" + namespace + "/" + pod + "'");
    }
  }

  /** The same pod with the container named. */
  public PodIdentity withContainer(String name) {
    return new PodIdentity(namespace, pod, name, podUid);
  }

  /** {@code namespace/pod}, and {@code /container} when known. */
  @Override
  public String toString() {
    return namespace + "/" + pod + (container.isEmpty() ? "" : "/" + container);
  }
}
