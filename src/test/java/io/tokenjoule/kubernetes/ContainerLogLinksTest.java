package io.tokenjoule.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code /var/log/containers} laid out as the kubelet lays it out: links named after pod,
 * namespace, container and container ID, pointing into {@code /var/log/pods/<ns>_<pod>_<uid>/}.
 */
class ContainerLogLinksTest {

  static final String UID_A = "6f1c2a3b-4d5e-4f70-8192-a3b4c5d6e7f8";
  static final String ID_A = "a".repeat(64);
  static final String ID_SIDECAR = "b".repeat(64);
  static final String ID_B = "c".repeat(64);

  @Test
  void linksGiveEachContainerItsPodNamespaceNameAndUid(@TempDir Path dir) throws Exception {
    link(dir, "team-a", "llama-8b-7d9f5c-x2x4q", "vllm", ID_A, UID_A);
    link(dir, "team-a", "llama-8b-7d9f5c-x2x4q", "log-shipper", ID_SIDECAR, UID_A);
    // A link whose target cannot tell the UID still names the pod.
    Files.createSymbolicLink(
        dir.resolve("qwen-0_team-b_sglang-" + ID_B + ".log"), Path.of("/elsewhere/0.log"));
    Files.writeString(dir.resolve("not-a-container.log"), "");
    Files.writeString(dir.resolve("README"), "");

    ContainerLogLinks.Snapshot links = new ContainerLogLinks(dir).read().orElseThrow();

    assertEquals(
        Map.of(
            ID_A,
            new PodIdentity("team-a", "llama-8b-7d9f5c-x2x4q", "vllm", UID_A),
            ID_SIDECAR,
            new PodIdentity("team-a", "llama-8b-7d9f5c-x2x4q", "log-shipper", UID_A),
            ID_B,
            new PodIdentity("team-b", "qwen-0", "sglang", "")),
        links.byContainerId());
    assertEquals(
        Map.of(UID_A, new PodIdentity("team-a", "llama-8b-7d9f5c-x2x4q", "", UID_A)),
        links.byPodUid());
  }

  @Test
  void aMissingDirectoryIsNotMountedRatherThanEmpty(@TempDir Path dir) throws Exception {
    assertEquals(Optional.empty(), new ContainerLogLinks(dir.resolve("absent")).read());
    assertTrue(new ContainerLogLinks(dir).read().orElseThrow().byContainerId().isEmpty());
  }

  /** A link as the kubelet makes it for a container of a pod. */
  static void link(Path dir, String namespace, String pod, String container, String id, String uid)
      throws Exception {
    Files.createSymbolicLink(
        dir.resolve(pod + "_" + namespace + "_" + container + "-" + id + ".log"),
        Path.of("/var/log/pods", namespace + "_" + pod + "_" + uid, container, "0.log"));
  }
}
