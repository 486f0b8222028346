package io.tokenjoule.kubernetes;

import static io.tokenjoule.kubernetes.FakeKubelet.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a fake kubelet: grpc-java serving the real pod-resources proto on a Unix
 * socket. List and Get carry names, namespaces, containers and device IDs (whole GPUs, MIG devices,
 * time-sliced replicas) across; a missing socket, an unknown pod and a kubelet without Get are
 * errors that say which.
 */
class PodResourcesClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void listReturnsEveryContainersDevicesWithItsPod(@TempDir Path dir) throws Exception {
    try (FakeKubelet kubelet = new FakeKubelet(dir.resolve("kubelet.sock"));
        PodResourcesClient client = new PodResourcesClient(kubelet.socket(), TIMEOUT)) {
      kubelet
          .pod("team-a", "llama-0", container("vllm", "nvidia.com/gpu", "GPU-aaaa", "GPU-bbbb"))
          .pod(
              "team-b",
              "qwen-7d9f",
              container("sidecar", ""),
              container("sglang", "nvidia.com/mig-3g.40gb", "MIG-1111"))
          .pod("team-c", "chat-0", container("tgi", "nvidia.com/gpu", "GPU-cccc::3"));

      List<AssignedDevices> devices = client.list();

      assertEquals(
          List.of(
              new AssignedDevices(
                  "team-a", "llama-0", "vllm", "nvidia.com/gpu", List.of("GPU-aaaa", "GPU-bbbb")),
              new AssignedDevices(
                  "team-b", "qwen-7d9f", "sglang", "nvidia.com/mig-3g.40gb", List.of("MIG-1111")),
              new AssignedDevices(
                  "team-c", "chat-0", "tgi", "nvidia.com/gpu", List.of("GPU-cccc::3"))),
          devices);
      assertEquals(List.of("List"), kubelet.calls());
    }
  }

  @Test
  void getReturnsOnePodsDevices(@TempDir Path dir) throws Exception {
    try (FakeKubelet kubelet = new FakeKubelet(dir.resolve("kubelet.sock"));
        PodResourcesClient client = new PodResourcesClient(kubelet.socket(), TIMEOUT)) {
      kubelet
          .pod("team-a", "llama-0", container("vllm", "nvidia.com/gpu", "GPU-aaaa"))
          .pod("team-b", "qwen-0", container("sglang", "nvidia.com/gpu", "GPU-bbbb"));

      assertEquals(
          List.of(
              new AssignedDevices(
                  "team-b", "qwen-0", "sglang", "nvidia.com/gpu", List.of("GPU-bbbb"))),
          client.get("team-b", "qwen-0"));
      PodResourcesException unknown =
          assertThrows(PodResourcesException.class, () -> client.get("team-b", "gone-0"));
      assertTrue(unknown.getMessage().contains("NOT_FOUND"), unknown.getMessage());
      assertFalse(unknown.unimplemented());
    }
  }

  @Test
  void aKubeletWithoutGetSaysSo(@TempDir Path dir) throws Exception {
    try (FakeKubelet kubelet = new FakeKubelet(dir.resolve("kubelet.sock"));
        PodResourcesClient client = new PodResourcesClient(kubelet.socket(), TIMEOUT)) {
      kubelet.getImplemented(false);
      PodResourcesException e =
          assertThrows(PodResourcesException.class, () -> client.get("team-a", "llama-0"));
      assertTrue(e.unimplemented(), e.getMessage());
      assertTrue(e.getMessage().contains("UNIMPLEMENTED"), e.getMessage());
    }
  }

  @Test
  void aMissingSocketIsUnavailableAndNamesThePath(@TempDir Path dir) {
    Path socket = dir.resolve("no-kubelet.sock");
    try (PodResourcesClient client = new PodResourcesClient(socket, TIMEOUT)) {
      PodResourcesException e = assertThrows(PodResourcesException.class, client::list);
      assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
    }
  }
}
