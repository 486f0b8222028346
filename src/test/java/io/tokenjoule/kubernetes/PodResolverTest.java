package io.tokenjoule.kubernetes;

import static io.tokenjoule.kubernetes.FakeKubelet.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.kubernetes.PodResolver.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver over a node fixture (cgroup files, the kubelet's log links) and a fake kubelet
 * serving the real pod-resources proto: two pods time-slicing one GPU are told apart by their
 * containers, an exclusive GPU names its pod even without the links, and what cannot be told says
 * why.
 */
class PodResolverTest {

  private static final String GPU = "GPU-00000000-0000-4000-8000-513300000000";
  private static final String UID_A = "6f1c2a3b-4d5e-4f70-8192-a3b4c5d6e7f8";
  private static final String UID_B = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final String ID_A = "a".repeat(64);
  private static final String ID_B = "b".repeat(64);

  @TempDir Path dir;
  private NodeFixture node;
  private FakeKubelet kubelet;
  private PodResourcesClient client;

  @BeforeEach
  void node() throws Exception {
    node = new NodeFixture(dir).process(4000, UID_A, ID_A).process(4001, UID_B, ID_B);
    kubelet = new FakeKubelet(dir.resolve("kubelet.sock"));
    client = new PodResourcesClient(kubelet.socket(), Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    client.close();
    kubelet.close();
  }

  private PodResolver resolver(boolean linksMounted) {
    return new PodResolver(
        new ProcCgroups(node.proc()),
        new ContainerLogLinks(linksMounted ? node.containerLogs() : dir.resolve("absent")),
        client);
  }

  private void twoPodsTimeSlicingTheGpu() {
    kubelet
        .pod("team-a", "llama-0", container("vllm", "nvidia.com/gpu", GPU + "::0"))
        .pod("team-b", "qwen-0", container("sglang", "nvidia.com/gpu", GPU + "::1"));
  }

  @Test
  void podsSharingAGpuAreToldApartByTheirContainers() throws Exception {
    twoPodsTimeSlicingTheGpu();
    node.container("team-a", "llama-0", "vllm", ID_A, UID_A)
        .container("team-b", "qwen-0", "sglang", ID_B, UID_B);
    PodResolver.Run run = resolver(true).newRun();

    Resolution a = run.resolve(List.of(4000), List.of(GPU));
    Resolution b = run.resolve(List.of(4001), List.of(GPU));

    assertEquals(
        new Resolution.Found(
            new PodIdentity("team-a", "llama-0", "vllm", UID_A),
            List.of(
                new AssignedDevices(
                    "team-a", "llama-0", "vllm", "nvidia.com/gpu", List.of(GPU + "::0")))),
        a);
    assertEquals(
        new PodIdentity("team-b", "qwen-0", "sglang", UID_B), ((Resolution.Found) b).pod());
    assertEquals(List.of("Get team-a/llama-0", "Get team-b/qwen-0"), kubelet.calls());
  }

  @Test
  void aKubeletWithoutGetIsListedOncePerRun() throws Exception {
    twoPodsTimeSlicingTheGpu();
    kubelet.getImplemented(false);
    node.container("team-a", "llama-0", "vllm", ID_A, UID_A)
        .container("team-b", "qwen-0", "sglang", ID_B, UID_B);
    PodResolver.Run run = resolver(true).newRun();

    Resolution.Found a = (Resolution.Found) run.resolve(List.of(4000), List.of(GPU));
    Resolution.Found b = (Resolution.Found) run.resolve(List.of(4001), List.of(GPU));

    assertEquals(List.of(GPU + "::0"), a.devices().get(0).deviceIds());
    assertEquals(List.of(GPU + "::1"), b.devices().get(0).deviceIds());
    assertEquals(
        List.of("Get team-a/llama-0", "List", "Get team-b/qwen-0"),
        kubelet.calls(),
        "one List per run, however many Gets fail");
  }

  @Test
  void withoutTheLinksAnExclusiveGpuNamesItsPod() throws Exception {
    kubelet.pod("team-a", "llama-0", container("vllm", "nvidia.com/gpu", GPU));

    Resolution a = resolver(false).newRun().resolve(List.of(4000), List.of(GPU));

    assertEquals(new PodIdentity("team-a", "llama-0", "vllm", UID_A), ((Resolution.Found) a).pod());
  }

  @Test
  void withoutTheLinksASharedGpuIsUnresolvedAndSaysWhatWouldHelp() throws Exception {
    twoPodsTimeSlicingTheGpu();

    Resolution a = resolver(false).newRun().resolve(List.of(4000), List.of(GPU));

    Resolution.Unresolved unresolved = assertInstanceOf(Resolution.Unresolved.class, a);
    assertEquals(UID_A, unresolved.podUid());
    assertTrue(
        unresolved.reason().contains("is shared by [team-a/llama-0/vllm, team-b/qwen-0/sglang]"),
        unresolved.reason());
    assertTrue(unresolved.reason().contains("mount the kubelet's container log links"));
  }

  @Test
  void aPodWhoseContainerLinkIsMissingIsNamedByItsUidAndItsGpu() throws Exception {
    twoPodsTimeSlicingTheGpu();
    // The link of another container of pod a (its sidecar) gives the pod; the GPU the container.
    node.container("team-a", "llama-0", "log-shipper", "c".repeat(64), UID_A);

    Resolution a = resolver(true).newRun().resolve(List.of(4000), List.of(GPU));

    assertEquals(new PodIdentity("team-a", "llama-0", "vllm", UID_A), ((Resolution.Found) a).pod());
  }

  @Test
  void aHostProcessIsInNoPod() throws Exception {
    node.hostProcess(5000);
    assertInstanceOf(
        Resolution.NotInPod.class,
        resolver(true).newRun().resolve(List.of(5000, 5001), List.of(GPU)));
  }

  @Test
  void anUnreachableKubeletLeavesAPodUnresolvedWithTheSocketsError() throws Exception {
    client.close();
    kubelet.close();
    client = new PodResourcesClient(dir.resolve("gone.sock"), Duration.ofSeconds(2));
    kubelet = new FakeKubelet(dir.resolve("unused.sock"));

    Resolution a = resolver(false).newRun().resolve(List.of(4000), List.of(GPU));

    Resolution.Unresolved unresolved = assertInstanceOf(Resolution.Unresolved.class, a);
    assertTrue(unresolved.reason().contains("gone.sock: UNAVAILABLE"), unresolved.reason());
  }
}
