package io.tokenjoule.kubernetes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says which pod and container a server's processes run in, from what the node itself tells without
 * cluster credentials:
 *
 * <ol>
 *   <li>the process's {@code /proc/<pid>/cgroup}: its pod UID and container ID ({@link
 *       KubepodsCgroup}), or that it is in no pod;
 *   <li>the kubelet's container log links ({@link ContainerLogLinks}): the pod's name and namespace
 *       and the container's name for that container ID (or that pod UID);
 *   <li>the kubelet's pod-resources API ({@link PodResourcesClient}): the devices each container
 *       holds. Where the log links are not mounted, a server whose GPUs are held by exactly one
 *       container is that container; a GPU shared by several pods (time-slicing, MPS) cannot be
 *       told apart this way, and the server stays unresolved with that reason.
 * </ol>
 *
 * <p>Use one {@link Run} per discovery run: it reads the links and lists pod-resources at most
 * once. Not thread-safe; a run is used by one thread.
 */
public final class PodResolver {

  /** Where a server's processes are. */
  public sealed interface Resolution {
    /** In this pod's container, which holds these devices (possibly none). */
    record Found(PodIdentity pod, List<AssignedDevices> devices) implements Resolution {
      public Found {
        Objects.requireNonNull(pod, "pod");
        devices = List.copyOf(devices);
      }
    }

    /** Not in a pod: a host process, or a process that is gone. */
    record NotInPod() implements Resolution {}

    /** In a pod that cannot be named; the reason says why and what would help. */
    record Unresolved(String podUid, String reason) implements Resolution {}
  }

  private final ProcCgroups cgroups;
  private final ContainerLogLinks links;
  private final PodResourcesClient podResources;

  /**
   * @param links the container log links, or null when not configured
   * @param podResources the kubelet's pod-resources client, or null when not reachable
   */
  public PodResolver(
      ProcCgroups cgroups, ContainerLogLinks links, PodResourcesClient podResources) {
    this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
    this.links = links;
    this.podResources = podResources;
  }

  /** Starts a discovery run. */
  public Run newRun() {
    return new Run();
  }

  /** One discovery run's view of the node, read lazily and at most once. */
  public final class Run {
    private Optional<ContainerLogLinks.Snapshot> linkSnapshot;
    private String linksProblem = "";
    private List<AssignedDevices> listed;
    private String listProblem = "";

    private Run() {}

    /**
     * Where the server whose processes are {@code pids} (the listener first) runs, on the GPUs
     * {@code gpuUuids}.
     */
    public Resolution resolve(List<Integer> pids, Collection<String> gpuUuids) {
      Optional<ContainerCgroup> cgroup = Optional.empty();
      for (int pid : pids) {
        cgroup = cgroups.of(pid);
        if (cgroup.isPresent()) {
          break;
        }
      }
      if (cgroup.isEmpty()) {
        return new Resolution.NotInPod();
      }
      Optional<PodIdentity> named = fromLinks(cgroup.get());
      if (named.isPresent()) {
        return withDevices(named.get(), gpuUuids);
      }
      return fromDevices(cgroup.get(), gpuUuids);
    }

    private Optional<PodIdentity> fromLinks(ContainerCgroup cgroup) {
      Optional<ContainerLogLinks.Snapshot> snapshot = links();
      if (snapshot.isEmpty()) {
        return Optional.empty();
      }
      Optional<PodIdentity> byContainer =
          cgroup.containerId().map(id -> snapshot.get().byContainerId().get(id));
      if (byContainer.isPresent()) {
        PodIdentity pod = byContainer.get();
        return Optional.of(
            pod.podUid().isEmpty()
                ? new PodIdentity(pod.namespace(), pod.pod(), pod.container(), cgroup.podUid())
                : pod);
      }
      return Optional.ofNullable(snapshot.get().byPodUid().get(cgroup.podUid()));
    }

    /** The pod named by the links, with its container's devices; Get first, then List. */
    private Resolution withDevices(PodIdentity pod, Collection<String> gpuUuids) {
      List<AssignedDevices> devices = podDevices(pod);
      if (pod.container().isEmpty()) {
        Set<String> holders =
            devices.stream()
                .filter(d -> holdsAny(d, gpuUuids))
                .map(AssignedDevices::container)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (holders.size() == 1) {
          pod = pod.withContainer(holders.iterator().next());
        }
      }
      String container = pod.container();
      return new Resolution.Found(
          pod, devices.stream().filter(d -> d.container().equals(container)).toList());
    }

    private List<AssignedDevices> podDevices(PodIdentity pod) {
      if (podResources == null) {
        return List.of();
      }
      try {
        return podResources.get(pod.namespace(), pod.pod());
      } catch (PodResourcesException e) {
        return listed().stream()
            .filter(d -> d.namespace().equals(pod.namespace()) && d.pod().equals(pod.pod()))
            .toList();
      }
    }

    /** Without the links: the one container on the node that holds the server's GPUs. */
    private Resolution fromDevices(ContainerCgroup cgroup, Collection<String> gpuUuids) {
      List<AssignedDevices> all = listed();
      if (all.isEmpty() && !listProblem.isEmpty()) {
        return new Resolution.Unresolved(cgroup.podUid(), listProblem + linksHint());
      }
      Set<PodIdentity> holders = new LinkedHashSet<>();
      for (AssignedDevices devices : all) {
        if (holdsAny(devices, gpuUuids)) {
          holders.add(devices.holder());
        }
      }
      if (holders.size() == 1) {
        PodIdentity holder = holders.iterator().next();
        PodIdentity pod =
            new PodIdentity(holder.namespace(), holder.pod(), holder.container(), cgroup.podUid());
        return new Resolution.Found(
            pod,
            all.stream()
                .filter(
                    d ->
                        d.namespace().equals(pod.namespace())
                            && d.pod().equals(pod.pod())
                            && d.container().equals(pod.container()))
                .toList());
      }
      String gpus = String.join(", ", gpuUuids);
      String why =
          holders.isEmpty()
              ? "no container holds GPU " + gpus + " in the kubelet's pod-resources"
              : "GPU "
                  + gpus
                  + " is shared by "
                  + holders.stream().map(PodIdentity::toString).toList()
                  + ", and pod-resources does not say which process is whose";
      return new Resolution.Unresolved(cgroup.podUid(), why + linksHint());
    }

    private String linksHint() {
      String path = links == null ? "/var/log/containers" : links.directory().toString();
      return linksProblem.isEmpty()
          ? "; mount the kubelet's container log links ("
              + path
              + ") read-only to name pods by their container"
          : "; " + linksProblem;
    }

    private Optional<ContainerLogLinks.Snapshot> links() {
      if (linkSnapshot == null) {
        linkSnapshot = Optional.empty();
        if (links != null) {
          try {
            linkSnapshot = links.read();
          } catch (IOException e) {
            linksProblem = "cannot list " + links.directory() + ": " + e.getMessage();
          }
        }
      }
      return linkSnapshot;
    }

    private List<AssignedDevices> listed() {
      if (listed == null) {
        listed = List.of();
        if (podResources == null) {
          listProblem = "the kubelet's pod-resources socket is not reachable";
        } else {
          try {
            listed = new ArrayList<>(podResources.list());
          } catch (PodResourcesException e) {
            listProblem = e.getMessage();
          }
        }
      }
      return listed;
    }
  }

  private static boolean holdsAny(AssignedDevices devices, Collection<String> gpuUuids) {
    if (!GpuDeviceIds.isNvidia(devices.resource())) {
      return false;
    }
    for (String id : devices.deviceIds()) {
      for (String uuid : gpuUuids) {
        if (GpuDeviceIds.names(id, uuid)) {
          return true;
        }
      }
    }
    return false;
  }
}
