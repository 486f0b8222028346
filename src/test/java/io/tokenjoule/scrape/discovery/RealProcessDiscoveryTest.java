package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.source.GpuProcesses;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * Discovery against real processes: a parent that starts a child serving the vLLM fixture page on
 * an ephemeral port ({@link ServerFamily}). Only NVML is replaced, by naming one of the two pids as
 * the GPU's compute process; the process tree and the socket come from OSHI, the page over HTTP.
 */
@EnabledOnOs(OS.LINUX)
class RealProcessDiscoveryTest {

  private Process parent;
  private long parentPid;
  private long childPid;
  private int childPort;
  private Vertx vertx;
  private MetricsPageClient client;

  @BeforeEach
  void startServerFamily() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    parent =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServerFamily.class.getName(),
                "parent")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    for (int i = 0; i < 2; i++) {
      String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(30, TimeUnit.SECONDS);
      String[] words = line.split(" ");
      if (words[0].equals("parent")) {
        parentPid = Long.parseLong(words[1]);
      } else {
        childPid = Long.parseLong(words[1]);
        childPort = Integer.parseInt(words[2]);
      }
    }
    vertx = Vertx.vertx();
    client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM);
  }

  @AfterEach
  void stopServerFamily() throws Exception {
    if (client != null) {
      client.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    parent.getOutputStream().close(); // the parent stops its child and exits
    if (!parent.waitFor(10, TimeUnit.SECONDS)) {
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Optional<ProcessHandle> child = childPid == 0 ? Optional.empty() : ProcessHandle.of(childPid);
    if (child.isPresent() && child.get().isAlive()) {
      child.get().destroyForcibly();
      child.get().onExit().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void findsTheChildsSocketFromTheParentsGpuPid() throws Exception {
    DiscoveryResult result = discover((int) parentPid);

    assertEquals(List.of(expectedServer((int) parentPid)), vllmServers(result));
  }

  @Test
  void findsTheSocketFromAGpuWorkerWhoseParentDoesNotListen() throws Exception {
    DiscoveryResult result = discover((int) childPid);

    assertEquals(List.of(expectedServer((int) childPid)), vllmServers(result));
  }

  @Test
  void oshiSeesTheChildListening() {
    OperatingSystem os = new SystemInfo().getOperatingSystem();
    List<ListeningSockets.ListeningSocket> sockets =
        new OshiListeningSockets(os, Path.of("/proc")).listening();

    assertTrue(
        sockets.contains(
            new ListeningSockets.ListeningSocket("127.0.0.1", childPort, (int) childPid)),
        () -> "no socket 127.0.0.1:" + childPort + " of pid " + childPid + " in " + sockets);
  }

  private DiscoveryResult discover(int gpuPid) throws Exception {
    OperatingSystem os = new SystemInfo().getOperatingSystem();
    GpuProcesses gpus = () -> List.of(new GpuProcesses.GpuCompute(0, "GPU-e2e", Set.of(gpuPid)));
    PortProber prober =
        new MetricsPortProber(
            client, new ScrapeLimits(2, 16L << 20, 100_000), MetricsPortProber.metricsPaths());
    return new Discovery(
            new OshiProcessTable(os, MonotonicClock.SYSTEM, 1),
            new OshiListeningSockets(os, Path.of("/proc")),
            gpus,
            prober)
        .discover();
  }

  private DiscoveredServer expectedServer(int gpuPid) {
    return new DiscoveredServer(
        "vllm-" + childPort,
        URI.create("http://127.0.0.1:" + childPort + "/metrics"),
        "vllm",
        List.of("meta-llama/Llama-3.1-8B-Instruct"),
        List.of(new DiscoveredGpu(0, "GPU-e2e")),
        (int) childPid,
        List.of(gpuPid));
  }

  /** The servers on the family's port; the walk up may also reach the test runner's ports. */
  private List<DiscoveredServer> vllmServers(DiscoveryResult result) {
    return result.servers().stream().filter(s -> s.port() == childPort).toList();
  }

  private static String readLine(BufferedReader lines) {
    try {
      String line = lines.readLine();
      if (line == null) {
        throw new IllegalStateException("the server family exited before saying its pids");
      }
      return line;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
