package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.DiscoveryConfig;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.source.GpuIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveredServersTest {

  private static final GpuIdentity GPU0 = new GpuIdentity(0, "GPU-a", "H100");
  private static final GpuIdentity GPU1 = new GpuIdentity(1, "GPU-b", "H100");
  private static final List<GpuIdentity> PRESENT = List.of(GPU0, GPU1);

  private static final PlannedServer CHAT =
      new PlannedServer(
          "chat",
          URI.create("http://localhost:8000/metrics"),
          EngineProfiles.byName("vllm").orElseThrow(),
          List.of(GPU0));

  private static DiscoveredServer found(int port, List<DiscoveredGpu> gpus) {
    return new DiscoveredServer(
        "vllm-" + port,
        URI.create("http://127.0.0.1:" + port + "/metrics"),
        "vllm",
        List.of("m"),
        gpus,
        100,
        List.of(101));
  }

  private static DiscoveryConfig rules(
      List<DiscoveryConfig.Exclusion> exclude, Map<String, String> rename, List<String> pin) {
    return new DiscoveryConfig(
        DiscoveryConfig.Mode.AUTO, Duration.ofSeconds(60), exclude, rename, pin);
  }

  private static List<String> names(DiscoveredServers.Joined joined) {
    return joined.servers().stream().map(PlannedServer::name).toList();
  }

  @Test
  void aDiscoveredServerJoinsTheConfiguredOnesOnItsGpus() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(CHAT),
            rules(List.of(), Map.of(), List.of()),
            List.of(found(8001, List.of(new DiscoveredGpu(1, "GPU-b")))),
            PRESENT);

    assertEquals(List.of("chat", "vllm-8001"), names(joined));
    assertEquals(List.of(GPU1), joined.servers().get(1).gpus());
    assertEquals(Set.of(101L), joined.servers().get(1).pids(), "for SM attribution");
    assertEquals(Set.of(), joined.servers().get(0).pids());
    assertEquals(List.of(), joined.notes());
  }

  @Test
  void excludedAndRenamed() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(),
            rules(
                List.of(new DiscoveryConfig.Exclusion(OptionalInt.of(8001), Optional.empty())),
                Map.of("vllm-8002", "mistral"),
                List.of()),
            List.of(
                found(8001, List.of(new DiscoveredGpu(0, "GPU-a"))),
                found(8002, List.of(new DiscoveredGpu(1, "GPU-b")))),
            PRESENT);

    assertEquals(List.of("mistral"), names(joined));
    assertEquals(
        List.of(
            "discovered vllm-8001 (http://127.0.0.1:8001/metrics) is excluded by"
                + " discovery.exclude"),
        joined.notes());
  }

  @Test
  void atTheSameUrlTheDiscoveredServerReplacesTheConfiguredOneUnderItsName() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(CHAT),
            rules(List.of(), Map.of(), List.of()),
            List.of(
                found(8000, List.of(new DiscoveredGpu(0, "GPU-a"), new DiscoveredGpu(1, "GPU-b")))),
            PRESENT);

    assertEquals(List.of("chat"), names(joined));
    assertEquals(List.of(GPU0, GPU1), joined.servers().get(0).gpus());
    assertSame(CHAT.profile(), joined.servers().get(0).profile(), "the configured reading");
    assertEquals(Set.of(101L), joined.servers().get(0).pids());
    assertEquals(URI.create("http://127.0.0.1:8000/metrics"), joined.servers().get(0).metricsUrl());
  }

  @Test
  void aPinnedConfiguredServerWins() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(CHAT),
            rules(List.of(), Map.of(), List.of("chat")),
            List.of(
                found(8000, List.of(new DiscoveredGpu(0, "GPU-a"), new DiscoveredGpu(1, "GPU-b")))),
            PRESENT);

    assertEquals(List.of(CHAT), joined.servers());
    assertEquals(
        List.of("discovered vllm-8000 (http://127.0.0.1:8000/metrics) is left out: chat is pinned"),
        joined.notes());
  }

  @Test
  void aServerOnAGpuTheAgentDoesNotReadIsLeftOut() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(),
            rules(List.of(), Map.of(), List.of()),
            List.of(found(8003, List.of(new DiscoveredGpu(2, "GPU-c")))),
            PRESENT);

    assertEquals(List.of(), joined.servers());
    assertEquals(
        List.of(
            "discovered vllm-8003 (http://127.0.0.1:8003/metrics) is left out: it runs on a GPU"
                + " the agent does not read (see gpus)"),
        joined.notes());
  }

  @Test
  void aRenameOntoATakenNameIsLeftOut() {
    DiscoveredServers.Joined joined =
        DiscoveredServers.join(
            List.of(),
            rules(List.of(), Map.of("vllm-8001", "vllm-8002"), List.of()),
            List.of(
                found(8001, List.of(new DiscoveredGpu(0, "GPU-a"))),
                found(8002, List.of(new DiscoveredGpu(1, "GPU-b")))),
            PRESENT);

    assertEquals(List.of("vllm-8002"), names(joined));
    assertEquals(URI.create("http://127.0.0.1:8001/metrics"), joined.servers().get(0).metricsUrl());
    assertEquals(
        List.of(
            "discovered vllm-8002 (http://127.0.0.1:8002/metrics) is left out: the name vllm-8002"
                + " is taken; rename it"),
        joined.notes());
  }

  @Test
  void loopbackSpellingsAreOneHost() {
    assertTrue(
        DiscoveredServers.sameTarget(
            URI.create("http://localhost:8000/metrics"),
            URI.create("http://127.0.0.1:8000/metrics")));
    assertTrue(
        DiscoveredServers.sameTarget(
            URI.create("http://[::1]:8000/metrics"), URI.create("http://127.0.0.1:8000/metrics")));
    assertFalse(
        DiscoveredServers.sameTarget(
            URI.create("http://10.0.0.5:8000/metrics"),
            URI.create("http://127.0.0.1:8000/metrics")));
    assertFalse(
        DiscoveredServers.sameTarget(
            URI.create("http://127.0.0.1:8000/metrics"),
            URI.create("http://127.0.0.1:8000/v1/metrics")));
  }
}
