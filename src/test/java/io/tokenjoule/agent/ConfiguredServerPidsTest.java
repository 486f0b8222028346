package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.discovery.ListenerProcesses;
import io.tokenjoule.scrape.discovery.PortOwner;
import io.tokenjoule.scrape.discovery.ProcessTable;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuProcesses.GpuCompute;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A configured server gets the GPU processes around the process listening on its port (this test's
 * JVM, on the real /proc); a server already given processes keeps them; a restart is noticed.
 */
@EnabledOnOs(OS.LINUX)
class ConfiguredServerPidsTest {

  private static final int SELF = (int) ProcessHandle.current().pid();
  private static final GpuIdentity GPU = new GpuIdentity(0, "GPU-a", "H100");

  private final AtomicReference<Set<Integer>> onGpu = new AtomicReference<>(Set.of(7001));
  private final List<String> notes = new ArrayList<>();

  private final ProcessTable tree =
      new ProcessTable() {
        @Override
        public Optional<ProcessInfo> process(int pid) {
          return pid == SELF
              ? Optional.of(new ProcessInfo(SELF, 1, "python3", "serve", "ml"))
              : pid == 7001 || pid == 7002
                  ? Optional.of(new ProcessInfo(pid, SELF, "python3", "worker", "ml"))
                  : Optional.empty();
        }

        @Override
        public List<ProcessInfo> children(int pid) {
          return pid == SELF
              ? List.of(
                  new ProcessInfo(7001, SELF, "python3", "worker", "ml"),
                  new ProcessInfo(7002, SELF, "python3", "worker", "ml"))
              : List.of();
        }
      };

  private final ConfiguredServerPids pids =
      new ConfiguredServerPids(
          new ListenerProcesses(
              new PortOwner(Path.of("/proc")),
              tree,
              () -> List.of(new GpuCompute(0, "GPU-a", onGpu.get()))),
          notes::add);

  private static PlannedServer server(String name, int port, Set<Long> known) {
    return new PlannedServer(
        name,
        URI.create("http://127.0.0.1:" + port + "/metrics"),
        EngineProfiles.byName("vllm").orElseThrow(),
        List.of(GPU),
        known);
  }

  private static AgentPlan plan(PlannedServer... servers) {
    return new AgentPlan(
        "127.0.0.1",
        0,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        new ScrapeLimits(0.5, 1 << 20, 10_000),
        List.of(servers),
        Optional.empty(),
        Optional.empty(),
        new BaselinePlan(BaselineSettings.DEFAULTS, Optional.empty()));
  }

  @Test
  void findsTheProcessesOfAConfiguredServerAndKeepsKnownOnes() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AgentPlan attached =
          pids.attach(
              plan(
                  server("configured", socket.getLocalPort(), Set.of()),
                  server("discovered", 1, Set.of(42L))));
      assertEquals(Set.of(7001L), attached.servers().get(0).pids());
      assertEquals(Set.of(42L), attached.servers().get(1).pids());
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("split by SM utilisation"), notes.get(0));

      assertFalse(pids.moved());
      onGpu.set(Set.of(7002)); // the worker restarted under a new pid
      assertTrue(pids.moved());
      pids.attach(plan(server("configured", socket.getLocalPort(), Set.of())));
      assertEquals(2, notes.size(), "a changed outcome is told again: " + notes);
    }
  }

  @Test
  void aServerWhosePortNobodyListensOnIsSplitByTokensAndSaysWhy() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AgentPlan attached = pids.attach(plan(server("gone", port, Set.of())));
    assertTrue(attached.servers().get(0).pids().isEmpty());
    assertTrue(notes.get(0).contains("split by tokens"), notes.get(0));
    pids.attach(plan(server("gone", port, Set.of())));
    assertEquals(1, notes.size(), "the same outcome is told once: " + notes);
  }
}
