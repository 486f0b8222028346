package io.tokenjoule.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * The devices of one extended resource that the kubelet assigned to one container, as its
 * pod-resources API reports them.
 *
 * @param resource the resource name, such as {@code nvidia.com/gpu} or {@code
 *     nvidia.com/mig-1g.10gb}
 * @param deviceIds the device plugin's IDs: for NVIDIA's, GPU UUIDs, MIG device UUIDs, {@code
 *     GPU-<uuid>::<n>} for a time-sliced or MPS replica, or indices under {@code
 *     deviceIDStrategy=index}
 */
public record AssignedDevices(
    String namespace, String pod, String container, String resource, List<String> deviceIds) {
  public AssignedDevices {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(resource, "resource");
    deviceIds = List.copyOf(deviceIds);
  }

  /** The container holding the devices. */
  public PodIdentity holder() {
    return new PodIdentity(namespace, pod, container, "");
  }
}
