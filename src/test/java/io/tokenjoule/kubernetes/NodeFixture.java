package io.tokenjoule.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's files as the pod resolver reads them, in a test's directory: {@code proc/<pid>/cgroup}
 * as the systemd cgroup driver with containerd writes it, and the kubelet's container log links.
 */
public final class NodeFixture {

  private final Path proc;
  private final Path containerLogs;

  public NodeFixture(Path root) throws IOException {
    this.proc = Files.createDirectories(root.resolve("proc"));
    this.containerLogs = Files.createDirectories(root.resolve("var/log/containers"));
  }

  public Path proc() {
    return proc;
  }

  public Path containerLogs() {
    return containerLogs;
  }

  /** Process {@code pid} runs in container {@code containerId} of pod {@code podUid}. */
  public NodeFixture process(int pid, String podUid, String containerId) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(
        dir.resolve("cgroup"),
        "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
            + podUid.replace('-', '_')
            + ".slice/cri-containerd-"
            + containerId
            + ".scope\n");
    return this;
  }

  /** Process {@code pid} runs on the host, in no pod. */
  public NodeFixture hostProcess(int pid) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(dir.resolve("cgroup"), "0::/system.slice/vllm.service\n");
    return this;
  }

  /** The kubelet's log link of a container. */
  public NodeFixture container(
      String namespace, String pod, String container, String containerId, String podUid)
      throws IOException {
    Files.createSymbolicLink(
        containerLogs.resolve(pod + "_" + namespace + "_" + container + "-" + containerId + ".log"),
        Path.of("/var/log/pods", namespace + "_" + pod + "_" + podUid, container, "0.log"));
    return this;
  }
}
