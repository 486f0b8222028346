package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.scrape.discovery.ListeningSockets.ListeningSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import oshi.SystemInfo;

/**
 * {@link ProcNamespaceSockets} against the real kernel: a {@link ServerFamily} "pod" started in a
 * network namespace of its own ({@code unshare -n}, which takes root or CAP_SYS_ADMIN; skipped
 * otherwise) whose only address besides loopback is 10.213.0.2/32. Nothing on the host's network is
 * changed; the namespace ends with the process.
 */
@EnabledOnOs(OS.LINUX)
class RealNetworkNamespaceTest {

  private static final String POD_ADDRESS = "10.213.0.2";

  private Process pod;
  private int pid;
  private int wildcardPort;
  private int loopbackPort;

  @BeforeEach
  void startPod() throws Exception {
    assumeTrue(
        runs("unshare", "-n", "ip", "addr", "add", POD_ADDRESS + "/32", "dev", "lo"),
        "needs unshare -n and ip (root or CAP_SYS_ADMIN) to make a network namespace");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    pod =
        new ProcessBuilder(
                "unshare",
                "-n",
                "sh",
                "-c",
                "ip addr add "
                    + POD_ADDRESS
                    + "/32 dev lo && ip link set lo up && exec \"$0\" -cp \"$1\" \"$2\" pod",
                java,
                System.getProperty("java.class.path"),
                ServerFamily.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(pod.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return lines.readLine();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .get(30, TimeUnit.SECONDS);
    String[] words = line.split(" ");
    pid = Integer.parseInt(words[1]);
    wildcardPort = Integer.parseInt(words[2]);
    loopbackPort = Integer.parseInt(words[3]);
  }

  @AfterEach
  void stopPod() throws Exception {
    if (pod != null) {
      pod.getOutputStream().close();
      if (!pod.waitFor(10, TimeUnit.SECONDS)) {
        pod.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theWildcardListenerIsFoundAtThePodAddressAndLoopbackIsNamedUnreachable() {
    Path proc = Path.of("/proc");
    ProcNamespaceSockets sockets =
        new ProcNamespaceSockets(
            proc, new OshiListeningSockets(new SystemInfo().getOperatingSystem(), proc));

    List<ListeningSocket> found =
        sockets.listening(List.of(pid)).stream().filter(s -> s.ownerPid() == pid).toList();

    assertEquals(List.of(new ListeningSocket(POD_ADDRESS, wildcardPort, pid)), found);
    String why = sockets.whyUnreachable(pid).orElseThrow();
    assertEquals(
        "pid " + pid + " listens on 127.0.0.1:" + loopbackPort + " in network namespace net:[",
        why.substring(0, why.indexOf("net:[") + 5));
    assertEquals(Optional.empty(), sockets.whyUnattributable(pid));
  }

  private static boolean runs(String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
