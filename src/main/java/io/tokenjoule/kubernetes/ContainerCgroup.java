package io.tokenjoule.kubernetes;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a process sits in the kubelet's cgroup tree: the pod, and the container when the process
 * belongs to one.
 *
 * @param podUid the pod's UID as the API server writes it ({@code 6f1c2a3b-4d5e-...}, with dashes
 *     even where the systemd driver wrote underscores), or the 32 hex digits of a static pod's
 *     config hash
 * @param containerId the container runtime's 64-hex-digit container ID, without a runtime prefix;
 *     empty for a process in the pod's cgroup but in no container's (rare: a runtime helper)
 */
public record ContainerCgroup(String podUid, Optional<String> containerId) {

  private static final Pattern POD_UID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}");
  private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");

  public ContainerCgroup {
    Objects.requireNonNull(podUid, "podUid");
    Objects.requireNonNull(containerId, "containerId");
    if (!isPodUid(podUid)) {
      throw new IllegalArgumentException("not a pod UID: '" + podUid + "'");
    }
    containerId.ifPresent(
        id -> {
          if (!CONTAINER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a container ID: '" + id + "'");
          }
        });
  }

  /** Whether {@code text} is a pod UID in the form {@link #podUid} takes. */
  static boolean isPodUid(String text) {
    return POD_UID.matcher(text).matches();
  }
}
