package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.energy.EnergyBackends;
import io.tokenjoule.scrape.Sample;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.source.HostEnergySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with {@code energy.include: [gpu, host]} on a fake powercap tree: it exports every RAPL
 * domain with {@code source="rapl"} and charges the host's packages and DRAM, not their cores nor
 * the platform, to the servers under {@code method="host"}.
 */
class HostEnergyAgentIT {

  private static final long RANGE_UJ = 262_143_328_850L;

  @TempDir Path powercap;

  /** A zone as the kernel lays it out, its counter in µJ. */
  private void zone(String id, String name, long microjoules) throws IOException {
    Path dir = Files.createDirectories(powercap.resolve(id));
    Files.writeString(dir.resolve("name"), name + "\n");
    Files.writeString(dir.resolve("max_energy_range_uj"), RANGE_UJ + "\n");
    counter(id, microjoules);
  }

  /** Replaces a counter at once, so the agent never reads a half-written file. */
  private void counter(String id, long microjoules) throws IOException {
    Path dir = powercap.resolve(id);
    Path next = Files.writeString(dir.resolve("energy_uj.next"), microjoules + "\n");
    Files.move(next, dir.resolve("energy_uj"), StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void hostEnergyIsExportedByDomainAndItsPackagesAndDramAreChargedToTheServers() throws Exception {
    zone("intel-rapl:0", "package-0", 10_000_000);
    zone("intel-rapl:0:0", "core", 4_000_000);
    zone("intel-rapl:0:1", "dram", 2_000_000);
    zone("intel-rapl:1", "psys", 50_000_000);
    Optional<HostEnergySource> host = EnergyBackends.raplHost(powercap, MonotonicClock.SYSTEM);
    assertTrue(host.isPresent());
    try (AgentHarness harness =
        new AgentHarness(
            DemoScenario.world(MonotonicClock.SYSTEM),
            Duration.ofMillis(250),
            Duration.ofSeconds(2),
            w -> List.of(),
            host,
            true)) {
      awaitTicks(harness, 2);
      counter("intel-rapl:0", 110_000_000);
      counter("intel-rapl:0:0", 84_000_000);
      counter("intel-rapl:0:1", 22_000_000);
      counter("intel-rapl:1", 250_000_000);

      MetricsPage page = awaitHostCharged(harness, 120);
      assertEquals(120, hostCharged(page), 1e-6, page.text());
      assertEquals(110, hostEnergy(page, "package-0"), 1e-9);
      assertEquals(84, hostEnergy(page, "package-0/core"), 1e-9);
      assertEquals(22, hostEnergy(page, "package-0/dram"), 1e-9);
      assertEquals(250, hostEnergy(page, "psys"), 1e-9);
      assertEquals(
          1, page.require("tokenjoule_host_energy_up", "domain", "package-0", "source", "rapl"));
      assertTrue(
          page.samples().stream()
              .filter(s -> s.name().startsWith("tokenjoule_gpu_"))
              .noneMatch(s -> "host".equals(s.labels().get("uuid"))),
          "the host is exported as a GPU:\n" + page.text());
    }
  }

  @Test
  void withoutHostInTheEnergyIncludeTheHostIsExportedButChargedToNoServer() throws Exception {
    zone("intel-rapl:0", "package-0", 10_000_000);
    Optional<HostEnergySource> host = EnergyBackends.raplHost(powercap, MonotonicClock.SYSTEM);
    try (AgentHarness harness =
        new AgentHarness(
            DemoScenario.world(MonotonicClock.SYSTEM),
            Duration.ofMillis(250),
            Duration.ofSeconds(2),
            w -> List.of(),
            host,
            false)) {
      awaitTicks(harness, 2);
      counter("intel-rapl:0", 60_000_000);
      awaitTicks(harness, 3);
      MetricsPage page = harness.metrics();
      assertEquals(60, hostEnergy(page, "package-0"), 1e-9);
      assertEquals(0, hostCharged(page), page.text());
    }
  }

  private static double hostEnergy(MetricsPage page, String domain) {
    return page.require("tokenjoule_host_energy_joules_total", "domain", domain, "source", "rapl");
  }

  /** The host joules charged to all servers together. */
  private static double hostCharged(MetricsPage page) {
    return page.samples().stream()
        .filter(s -> s.name().equals("tokenjoule_server_attributed_energy_joules_total"))
        .filter(s -> "host".equals(s.labels().get("method")))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static MetricsPage awaitHostCharged(AgentHarness harness, double joules)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    MetricsPage page = harness.metrics();
    while (hostCharged(page) < joules - 1e-6 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      page = harness.metrics();
    }
    return page;
  }

  private static void awaitTicks(AgentHarness harness, int ticks) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (harness.agent.latest() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(250L * ticks);
  }
}
