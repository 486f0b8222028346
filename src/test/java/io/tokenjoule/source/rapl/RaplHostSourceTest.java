package io.tokenjoule.source.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.HostDomain;
import io.tokenjoule.source.HostReading;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RAPL read from fake powercap trees built in a temporary directory, as the kernel lays them out,
 * and from this machine's own {@code /sys/class/powercap} where it has one.
 */
class RaplHostSourceTest {

  @TempDir Path sys;

  private double now;
  private final MonotonicClock clock = () -> now;

  /** A zone directory with its name, counter and wrap point. */
  private void zone(String id, String name, long energyMicrojoules, long maxMicrojoules)
      throws IOException {
    Path dir = Files.createDirectories(sys.resolve(id));
    Files.writeString(dir.resolve("name"), name + "\n");
    Files.writeString(dir.resolve("energy_uj"), energyMicrojoules + "\n");
    Files.writeString(dir.resolve("max_energy_range_uj"), maxMicrojoules + "\n");
  }

  private void counter(String id, long microjoules) throws IOException {
    Files.writeString(sys.resolve(id).resolve("energy_uj"), microjoules + "\n");
  }

  /** A two-socket Intel server: packages with core and DRAM parts, the platform, MMIO. */
  private void twoSocketServer() throws IOException {
    Files.createDirectories(sys.resolve("intel-rapl"));
    zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L);
    zone("intel-rapl:0:0", "core", 400_000, 262_143_328_850L);
    zone("intel-rapl:0:1", "dram", 200_000, 65_712_999_613L);
    zone("intel-rapl:1", "package-1", 3_000_000, 262_143_328_850L);
    zone("intel-rapl:1:0", "dram", 100_000, 65_712_999_613L);
    zone("intel-rapl:2", "psys", 9_000_000, 262_143_328_850L);
    zone("intel-rapl-mmio:0", "package-0", 1_000_000, 262_143_328_850L);
  }

  @Test
  void zonesAreNamedByPackageAndPartAndOnlyPackagesAndDramMakeTheHostTotal() throws Exception {
    twoSocketServer();
    List<RaplZone> zones = RaplZone.find(sys);
    assertEquals(
        List.of(
            new HostDomain("package-0", true),
            new HostDomain("package-0/core", false),
            new HostDomain("package-0/dram", true),
            new HostDomain("package-1", true),
            new HostDomain("package-1/dram", true),
            new HostDomain("psys", false)),
        zones.stream().map(RaplZone::domain).toList());
    assertEquals(262_143.32885, zones.get(0).maxEnergyRangeJoules(), 1e-9);
  }

  @Test
  void amdZonesAreReadTheSameWay() throws Exception {
    zone("amd-rapl:0", "package-0", 5_000_000, 4_294_967_295L);
    RaplHostSource source = new RaplHostSource(RaplZone.find(sys), clock);
    HostReading.Up up = assertInstanceOf(HostReading.Up.class, source.read().get(0));
    assertEquals("package-0", up.domain().name());
    assertEquals(5.0, up.energyJoules(), 1e-9);
    assertEquals("rapl", source.sourceLabel());
  }

  @Test
  void countersAreConvertedToJoulesAndTheirWrapAroundIsUndone() throws Exception {
    zone("intel-rapl:0", "package-0", 262_000_000_000L, 262_143_328_850L);
    RaplHostSource source = new RaplHostSource(RaplZone.find(sys), clock);
    assertEquals(262_000.0, joules(source.read().get(0)), 1e-6);
    counter("intel-rapl:0", 262_100_000_000L);
    assertEquals(262_100.0, joules(source.read().get(0)), 1e-6);
    // Wraps at 262143.32885 J: 43.32885 J to the top, then 56.67115 J past zero.
    counter("intel-rapl:0", 56_671_150);
    assertEquals(262_200.0, joules(source.read().get(0)), 1e-6);
    counter("intel-rapl:0", 156_671_150);
    assertEquals(262_300.0, joules(source.read().get(0)), 1e-6);
  }

  @Test
  void withoutAWrapPointADecreaseCountsAsARestartNeverNegative() throws Exception {
    zone("intel-rapl:0", "package-0", 10_000_000, 0);
    RaplHostSource source = new RaplHostSource(RaplZone.find(sys), clock);
    source.read();
    counter("intel-rapl:0", 2_000_000);
    assertEquals(12.0, joules(source.read().get(0)), 1e-9);
  }

  @Test
  void noPowercapOrNoRaplZoneIsNoZoneAtAll() throws Exception {
    assertEquals(List.of(), RaplZone.find(sys.resolve("absent")));
    Files.createDirectories(sys.resolve("dtpm"));
    assertEquals(List.of(), RaplZone.find(sys));
  }

  @Test
  void aZoneThatGoesAwayOrHoldsGarbageIsDownWhileTheOthersCarryOn() throws Exception {
    twoSocketServer();
    RaplHostSource source = new RaplHostSource(RaplZone.find(sys), clock);
    Files.delete(sys.resolve("intel-rapl:1").resolve("energy_uj"));
    counter("intel-rapl:2", -5);
    List<HostReading> readings = source.read();
    assertEquals("missing", ((HostReading.Down) readings.get(3)).reason());
    assertEquals("unreadable", ((HostReading.Down) readings.get(5)).reason());
    assertEquals(1.0, joules(readings.get(0)), 1e-9);
    assertEquals(0.1, joules(readings.get(4)), 1e-9);
  }

  @Test
  void aCounterOnlyRootMayReadIsPermissionDeniedNamingTheFix() throws Exception {
    twoSocketServer();
    RaplHostSource source =
        new RaplHostSource(
            RaplZone.find(sys),
            clock,
            file -> {
              throw new AccessDeniedException(file.toString());
            });
    for (HostReading reading : source.read()) {
      HostReading.Down down = assertInstanceOf(HostReading.Down.class, reading);
      assertEquals("permission_denied", down.reason());
      assertTrue(down.detail().contains("energy_uj is readable by root only"), down.detail());
      assertTrue(down.detail().contains("udev rule"), down.detail());
    }
  }

  @Test
  void aCounterFileWithoutReadPermissionIsPermissionDenied() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
    zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L);
    Files.setPosixFilePermissions(
        sys.resolve("intel-rapl:0").resolve("energy_uj"),
        PosixFilePermissions.fromString("---------"));
    HostReading reading = new RaplHostSource(RaplZone.find(sys), clock).read().get(0);
    assertEquals("permission_denied", ((HostReading.Down) reading).reason());
  }

  @Test
  void thisMachinesOwnPowercapIsReadWhereItHasOne() throws Exception {
    Path real = Path.of("/sys/class/powercap");
    List<RaplZone> zones = RaplZone.find(real);
    assumeTrue(!zones.isEmpty(), "this machine has no RAPL zones under " + real);
    RaplHostSource source = new RaplHostSource(zones, MonotonicClock.SYSTEM);
    List<HostReading> first = source.read();
    Thread.sleep(200);
    List<HostReading> second = source.read();
    for (int i = 0; i < zones.size(); i++) {
      if (first.get(i) instanceof HostReading.Up a && second.get(i) instanceof HostReading.Up b) {
        assertTrue(b.energyJoules() >= a.energyJoules(), a + " then " + b);
      } else {
        HostReading.Down down = (HostReading.Down) second.get(i);
        assertTrue(
            List.of("permission_denied", "read_error").contains(down.reason()), down.toString());
      }
    }
  }

  private static double joules(HostReading reading) {
    return assertInstanceOf(HostReading.Up.class, reading).energyJoules();
  }
}
