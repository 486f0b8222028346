package io.tokenjoule.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /proc/<pid>/cgroup} as each runtime and cgroup driver writes it (fixtures under {@code
 * kubernetes/cgroup/}, written from the kubelet's and the runtimes' documented cgroup naming):
 * every shape gives the same pod UID and container ID, and processes in no pod give nothing.
 */
class KubepodsCgroupTest {

  private static final String UID = "6f1c2a3b-4d5e-4f70-8192-a3b4c5d6e7f8";
  private static final String ID =
      "3f2c8e0d9a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012345678ab";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "v2-systemd-containerd.txt",
    "v2-systemd-containerd-guaranteed.txt",
    "v2-systemd-crio.txt",
    "v2-systemd-docker.txt",
    "v2-cgroupfs-containerd.txt",
    "v2-cgroupfs-crio.txt",
    "v2-cgroupns-relative.txt",
    "v2-kind-node.txt",
    "v1-systemd-docker.txt",
    "v1-cgroupfs-containerd.txt",
    "v1-cgroupfs-docker-guaranteed.txt"
  })
  void everyRuntimeAndDriverGivesThePodAndTheContainer(String fixture) {
    assertEquals(
        Optional.of(new ContainerCgroup(UID, Optional.of(ID))),
        KubepodsCgroup.parse(fixture(fixture)));
  }

  @Test
  void aStaticPodsUidIsItsConfigHash() {
    assertEquals(
        "0f3c9d2e8b7a6f5e4d3c2b1a09f8e7d6",
        KubepodsCgroup.parse(fixture("static-pod-systemd.txt")).orElseThrow().podUid());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "host-process.txt",
    "host-v1.txt",
    "agent-own-namespace.txt",
    "v2-systemd-crio-conmon.txt"
  })
  void processesInNoContainerGiveNothing(String fixture) {
    assertEquals(Optional.empty(), KubepodsCgroup.parse(fixture(fixture)));
  }

  @Test
  void aProcessInThePodsCgroupButNoContainersHasThePodAlone() {
    assertEquals(
        Optional.of(new ContainerCgroup(UID, Optional.empty())),
        KubepodsCgroup.parse("0::/kubepods/burstable/pod" + UID + "\n"));
  }

  @Test
  void malformedLinesAndLookalikesAreIgnored() {
    assertEquals(Optional.empty(), KubepodsCgroup.parse(""));
    assertEquals(Optional.empty(), KubepodsCgroup.parse("garbage without colons\n\n"));
    // Too few digits for a UID.
    assertEquals(Optional.empty(), KubepodsCgroup.parse("0::/kubepods/burstable/pod1234/" + ID));
    // A directory that merely starts with "pod".
    assertEquals(Optional.empty(), KubepodsCgroup.parse("0::/srv/podcasts/" + ID));
  }

  @Test
  void theRecordRefusesWhatIsNotAUidOrAnId() {
    assertThrows(
        IllegalArgumentException.class, () -> new ContainerCgroup("pod-1", Optional.empty()));
    assertThrows(
        IllegalArgumentException.class, () -> new ContainerCgroup(UID, Optional.of("abc")));
  }

  private static String fixture(String name) {
    try (InputStream in =
        KubepodsCgroupTest.class.getResourceAsStream("/io/tokenjoule/kubernetes/cgroup/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
