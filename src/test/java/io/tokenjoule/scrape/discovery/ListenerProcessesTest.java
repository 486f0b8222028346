package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.discovery.ListenerProcesses.Resolution;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.GpuProcesses.GpuCompute;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A configured server's GPU processes: found from the process listening on its port, through its
 * process tree, to NVML's process list; the real /proc of this machine holds the listener.
 */
class ListenerProcessesTest {

  private static final int SELF = (int) ProcessHandle.current().pid();

  /** A vLLM-like tree: a shell, the API server (listening; this test's JVM), two GPU workers. */
  private static ProcessTable tree(int listener) {
    Map<Integer, ProcessInfo> processes =
        Map.of(
            10,
            new ProcessInfo(10, 1, "bash", "bash", "ml"),
            listener,
            new ProcessInfo(listener, 10, "python3", "vllm serve", "ml"),
            5001,
            new ProcessInfo(5001, listener, "python3", "engine core 0", "ml"),
            5002,
            new ProcessInfo(5002, listener, "python3", "engine core 1", "ml"),
            6000,
            new ProcessInfo(6000, 10, "python3", "another server", "ml"));
    return new ProcessTable() {
      @Override
      public Optional<ProcessInfo> process(int pid) {
        return Optional.ofNullable(processes.get(pid));
      }

      @Override
      public List<ProcessInfo> children(int pid) {
        return processes.values().stream().filter(p -> p.parentPid() == pid).toList();
      }
    };
  }

  private static GpuProcesses nvml(Map<String, Set<Integer>> pidsByGpu) {
    return () ->
        pidsByGpu.entrySet().stream()
            .map(e -> new GpuCompute(0, e.getKey(), e.getValue()))
            .collect(Collectors.toList());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theListenersTreeOnTheServersGpusAreItsProcesses() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ListenerProcesses processes =
          new ListenerProcesses(
              new PortOwner(Path.of("/proc")),
              tree(SELF),
              nvml(
                  Map.of(
                      "GPU-a", Set.of(5001, 6000), "GPU-b", Set.of(5002), "GPU-c", Set.of(5003))));
      Resolution found =
          processes.resolve(
              URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/metrics"),
              List.of("GPU-a", "GPU-b"));
      // 6000 runs on GPU-a but belongs to another server under the same shell
      assertEquals(Set.of(5001L, 5002L), found.pids(), found.whyNot());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aListenerWithNoProcessOnItsGpusIsNotResolved() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ListenerProcesses processes =
          new ListenerProcesses(
              new PortOwner(Path.of("/proc")), tree(SELF), nvml(Map.of("GPU-a", Set.of(6000))));
      Resolution found =
          processes.resolve(
              URI.create("http://localhost:" + socket.getLocalPort()), List.of("GPU-a"));
      assertTrue(found.pids().isEmpty());
      assertTrue(found.whyNot().contains("runs on its GPUs"), found.whyNot());
    }
  }

  @Test
  void aServerOnAnotherHostIsNotResolved() {
    ListenerProcesses processes =
        new ListenerProcesses(new PortOwner(Path.of("/nonexistent")), tree(SELF), nvml(Map.of()));
    Resolution found =
        processes.resolve(URI.create("http://192.0.2.7:8000/metrics"), List.of("GPU-a"));
    assertTrue(found.pids().isEmpty());
    assertTrue(found.whyNot().contains("not an address of this host"), found.whyNot());
  }

  @Test
  void nvmlFailingIsSaid() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GpuProcesses failing =
          () -> {
            throw new GpuProcesses.GpuProcessesUnavailableException("no permission", null);
          };
      Resolution found =
          new ListenerProcesses(new PortOwner(Path.of("/proc")), tree(SELF), failing)
              .resolve(URI.create("http://127.0.0.1:" + socket.getLocalPort()), List.of("GPU-a"));
      assertTrue(found.pids().isEmpty());
      assertTrue(
          found.whyNot().contains("NVML") || found.whyNot().contains("cannot read"),
          found.whyNot());
    }
  }
}
