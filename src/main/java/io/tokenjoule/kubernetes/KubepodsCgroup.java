package io.tokenjoule.kubernetes;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pod UID and a container ID from the text of {@code /proc/<pid>/cgroup}, whatever made the
 * path: cgroup v1 (one line per hierarchy) or v2 ({@code 0::/...}); the kubelet's systemd driver
 * ({@code kubepods-burstable-pod<uid_with_underscores>.slice}) or its cgroupfs driver ({@code
 * kubepods/burstable/pod<uid>}); containerd ({@code cri-containerd-<id>.scope}), CRI-O ({@code
 * crio-<id>.scope}; its {@code crio-conmon-} monitor is not a container), Docker through
 * cri-dockerd ({@code docker-<id>.scope}), or a bare ID under cgroupfs. The path may start with
 * {@code /..} segments when the reader sits in another cgroup namespace, or under a node's own
 * slice (kind, nested runtimes): only the pod's segment and the one after it count. Pure and
 * thread-safe.
 */
public final class KubepodsCgroup {

  /** A pod's own cgroup, systemd driver: kubepods[-qos]-pod{uid}.slice, uid dashes as '_'. */
  private static final Pattern SYSTEMD_POD =
      Pattern.compile("(?:[a-z]+-)*kubepods(?:-[a-z]+)?-pod([0-9a-fA-F_]{32,36})\\.slice");

  /** A pod's own cgroup, cgroupfs driver: pod{uid}. */
  private static final Pattern CGROUPFS_POD = Pattern.compile("pod([0-9a-fA-F-]{32,36})");

  /** A container's cgroup: [runtime-]{64 hex}[.scope]. */
  private static final Pattern CONTAINER =
      Pattern.compile(
          "(?:(cri-containerd|crio|docker|containerd)-)?([0-9a-fA-F]{64})(?:\\.scope)?");

  private KubepodsCgroup() {}

  /**
   * The pod and container of a process from its {@code /proc/<pid>/cgroup} text; empty for a
   * process in no pod (a host process, the kubelet itself), and for CRI-O's conmon.
   */
  public static Optional<ContainerCgroup> parse(String procCgroup) {
    for (String line : procCgroup.split("\n")) {
      int first = line.indexOf(':');
      int second = first < 0 ? -1 : line.indexOf(':', first + 1);
      if (second < 0) {
        continue;
      }
      Optional<ContainerCgroup> found = fromPath(line.substring(second + 1).trim());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<ContainerCgroup> fromPath(String path) {
    String[] segments = path.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      Optional<String> uid = podUid(segments[i]);
      if (uid.isEmpty()) {
        continue;
      }
      if (i + 1 >= segments.length) {
        return Optional.of(new ContainerCgroup(uid.get(), Optional.empty()));
      }
      String next = segments[i + 1];
      if (next.startsWith("crio-conmon-")) {
        return Optional.empty();
      }
      Matcher container = CONTAINER.matcher(next);
      Optional<String> id =
          container.matches()
              ? Optional.of(container.group(2).toLowerCase(Locale.ROOT))
              : Optional.empty();
      return Optional.of(new ContainerCgroup(uid.get(), id));
    }
    return Optional.empty();
  }

  private static Optional<String> podUid(String segment) {
    Matcher systemd = SYSTEMD_POD.matcher(segment);
    if (systemd.matches()) {
      return uid(systemd.group(1).replace('_', '-'));
    }
    Matcher cgroupfs = CGROUPFS_POD.matcher(segment);
    if (cgroupfs.matches()) {
      return uid(cgroupfs.group(1));
    }
    return Optional.empty();
  }

  /** A UID in its canonical form, or empty when the digits do not make one. */
  private static Optional<String> uid(String candidate) {
    String lower = candidate.toLowerCase(Locale.ROOT);
    return ContainerCgroup.isPodUid(lower) ? Optional.of(lower) : Optional.empty();
  }
}
