package io.tokenjoule.kubernetes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet's container log links, read without the API server: for every container it runs, the
 * kubelet keeps {@code /var/log/containers/<pod>_<namespace>_<container>-<container ID>.log}, a
 * symbolic link to {@code /var/log/pods/<namespace>_<pod>_<pod UID>/<container>/<n>.log}. The
 * link's name ties a container ID (the one in the process's cgroup) to its pod, namespace and
 * container name; its target adds the pod UID. Only the links are read (never followed), so
 * mounting {@code /var/log/containers} read-only is enough. Names cannot be misread: pod names,
 * namespaces and container names hold no {@code _}, and a container ID is 64 hex digits.
 * Thread-safe; each call reads the directory afresh, at most {@link #MAX_LINKS} entries.
 */
public final class ContainerLogLinks {

  /** A node runs at most a few hundred containers; more entries than this are not read. */
  static final int MAX_LINKS = 20_000;

  private static final Pattern LINK_NAME =
      Pattern.compile(
          "([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)_([a-z0-9][-a-z0-9]*)-([0-9a-f]{64})\\.log");
  private static final Pattern POD_DIRECTORY = Pattern.compile("[^_/]+_[^_/]+_([^_/]+)");

  /** What the links say: pods by container ID, and by pod UID where a link's target gave it. */
  public record Snapshot(
      Map<String, PodIdentity> byContainerId, Map<String, PodIdentity> byPodUid) {
    public Snapshot {
      byContainerId = Map.copyOf(byContainerId);
      byPodUid = Map.copyOf(byPodUid);
    }
  }

  private final Path directory;

  /**
   * @param directory where the links are, {@code /var/log/containers} on a node
   */
  public ContainerLogLinks(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Reads the links now.
   *
   * @return empty when the directory does not exist (not mounted into the agent's pod)
   * @throws IOException when it exists but cannot be listed (permission)
   */
  public Optional<Snapshot> read() throws IOException {
    Map<String, PodIdentity> byContainerId = new HashMap<>();
    Map<String, PodIdentity> byPodUid = new HashMap<>();
    try (DirectoryStream<Path> links = Files.newDirectoryStream(directory, "*.log")) {
      int seen = 0;
      for (Path link : links) {
        if (++seen > MAX_LINKS) {
          break;
        }
        Matcher name = LINK_NAME.matcher(link.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        String uid = podUid(link);
        PodIdentity pod = new PodIdentity(name.group(2), name.group(1), name.group(3), uid);
        byContainerId.put(name.group(4), pod);
        if (!uid.isEmpty()) {
          byPodUid.putIfAbsent(uid, pod.withContainer(""));
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new Snapshot(byContainerId, byPodUid));
  }

  /** The pod UID from the link's target directory, or empty when the link cannot be read. */
  private static String podUid(Path link) {
    try {
      Path target = Files.readSymbolicLink(link);
      Path podDirectory = target.getNameCount() >= 3 ? target.getParent().getParent() : null;
      if (podDirectory == null || podDirectory.getFileName() == null) {
        return "";
      }
      Matcher m = POD_DIRECTORY.matcher(podDirectory.getFileName().toString());
      return m.matches() && ContainerCgroup.isPodUid(m.group(1)) ? m.group(1) : "";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
