package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.HostDomain;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.HostReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The GPUs and the host read together, the host's total as one more device when it is counted. */
class MeasuredDevicesTest {

  private static final HostDomain PACKAGE = new HostDomain("package-0", true);
  private static final HostDomain CORE = new HostDomain("package-0/core", false);
  private static final HostDomain DRAM = new HostDomain("package-0/dram", true);

  private final GpuEnergySource gpus =
      new SimulatedGpuSource(DemoScenario.world(MonotonicClock.SYSTEM));
  private final List<List<HostReading>> published = new ArrayList<>();

  /** A host whose every read answers {@code readings}. */
  private static HostEnergySource host(List<HostReading> readings) {
    return new HostEnergySource() {
      @Override
      public List<HostDomain> domains() {
        return readings.stream().map(HostReading::domain).toList();
      }

      @Override
      public List<HostReading> read() {
        return readings;
      }

      @Override
      public String sourceLabel() {
        return "rapl";
      }

      @Override
      public void close() {}
    };
  }

  private static HostReading up(HostDomain domain, double joules) {
    return new HostReading.Up(domain, 5.0, 0.001, joules);
  }

  private MeasuredDevices devices(HostEnergySource host, boolean count) {
    return new MeasuredDevices(gpus, Optional.of(host), count, published::add);
  }

  @Test
  void theCountedHostIsItsPackagesAndDramAsOneDeviceAfterTheGpus() {
    List<HostReading> readings = List.of(up(PACKAGE, 100), up(CORE, 70), up(DRAM, 20));
    MeasuredDevices devices = devices(host(readings), true);

    List<GpuReading> read = devices.read();

    assertEquals(gpus.gpus().size() + 1, read.size());
    GpuReading.Up total = assertInstanceOf(GpuReading.Up.class, read.get(read.size() - 1));
    assertEquals(MeasuredDevices.HOST, total.gpu());
    assertEquals(120, total.energyJoules(), 1e-12);
    assertEquals(List.of(MeasuredDevices.HOST), devices.hostDevices());
    assertEquals(List.of(readings), published);
  }

  @Test
  void aHostNotCountedIsStillPublishedButAddsNoDevice() {
    MeasuredDevices devices = devices(host(List.of(up(PACKAGE, 100))), false);

    List<GpuReading> read = devices.read();

    assertEquals(
        gpus.gpus().stream().map(GpuIdentity::uuid).toList(),
        read.stream().map(r -> r.gpu().uuid()).toList());
    assertEquals(List.of(), devices.hostDevices());
    assertEquals(1, published.size());
  }

  @Test
  void aPackageThatCannotBeReadTakesTheHostTotalDownWithItsReason() {
    HostReading denied =
        new HostReading.Down(PACKAGE, 5.0, "permission_denied", "energy_uj is root-only");
    MeasuredDevices devices = devices(host(List.of(denied, up(DRAM, 20))), true);

    List<GpuReading> read = devices.read();

    GpuReading.Down total = assertInstanceOf(GpuReading.Down.class, read.get(read.size() - 1));
    assertEquals("permission_denied", total.reason());
  }

  @Test
  void theHostIsUncountableWhenAPackageIsDeniedOrNoDomainMakesTheTotal() {
    HostReading denied =
        new HostReading.Down(PACKAGE, 5.0, "permission_denied", "grant read with a udev rule");
    assertEquals(
        Optional.of("grant read with a udev rule"),
        MeasuredDevices.hostUncountable(host(List.of(denied, up(DRAM, 1)))));
    Optional<String> onlyCore = MeasuredDevices.hostUncountable(host(List.of(up(CORE, 1))));
    assertTrue(onlyCore.orElseThrow().contains("no RAPL package or DRAM domain"), onlyCore.get());
    assertEquals(Optional.empty(), MeasuredDevices.hostUncountable(host(List.of(up(PACKAGE, 1)))));
  }
}
