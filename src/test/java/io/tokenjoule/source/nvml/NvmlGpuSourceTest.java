package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeClock;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeGpu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvmlGpuSourceTest {

  private static final String H100 = "NVIDIA H100 80GB HBM3";
  private static final double EPS = 1e-9;

  private final FakeClock clock = new FakeClock(100.0);
  private final FakeNvmlLibrary nvml = new FakeNvmlLibrary(clock);

  private NvmlGpuSource open(List<String> selection, double gaugeRefreshSeconds) {
    return new NvmlGpuSource(nvml, selection, clock, NvmlCallObserver.NONE, gaugeRefreshSeconds);
  }

  private static GpuReading.Up up(GpuReading reading) {
    return assertInstanceOf(GpuReading.Up.class, reading);
  }

  private static GpuReading.Down down(GpuReading reading) {
    return assertInstanceOf(GpuReading.Down.class, reading);
  }

  @Test
  void convertsNvmlUnitsToSiUnitsOnce() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    gpu.energyMillijoules = 123_456_789L;
    gpu.averagePowerMilliwatts = 312_500;
    gpu.powerLimitMilliwatts = 700_000;
    gpu.temperatureCelsius = 61;
    gpu.utilizationPercent = 87;
    gpu.smClockMegahertz = 1_980;
    gpu.memoryUsedBytes = 1_234_567_890L;
    gpu.memoryTotalBytes = 85_520_809_984L;
    try (NvmlGpuSource source = open(List.of(), 10)) {
      clock.now = 200.0;

      GpuReading.Up reading = up(source.read().get(0));

      assertEquals(new GpuIdentity(0, "GPU-aaaa", H100), reading.gpu());
      assertEquals(123_456.789, reading.energyJoules());
      assertEquals(EnergyMethod.COUNTER, reading.energyMethod());
      assertEquals(0.1, reading.energyUpdatePeriodSeconds());
      assertEquals(312.5, reading.sampledPowerWatts());
      assertEquals(
          new GpuGauges(700.0, 61.0, 0.87, 1.98e9, 1_234_567_890.0, 85_520_809_984.0),
          reading.gauges());
      // One field-values call from 200.000 to 200.002: its midpoint, and half its duration.
      assertEquals(200.001, reading.timestampSeconds(), EPS);
      assertEquals(0.001, reading.timeUncertaintySeconds(), EPS);
      assertEquals("nvml", source.sourceLabel());
      assertEquals("550.54.15", source.driverVersion());
    }
  }

  @Test
  void energyCounterAboveSignedLongRangeStaysPositive() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    gpu.energyMillijoules = -1L; // 2^64 - 1 mJ as unsigned long long
    try (NvmlGpuSource source = open(List.of(), 10)) {
      assertEquals(18_446_744_073_709_551.615, up(source.read().get(0)).energyJoules(), 1e3);
    }
  }

  @Test
  void makesOneFieldValuesCallPerGpuPerTickWhileGaugesAreCached() {
    FakeGpu first = nvml.addGpu("GPU-aaaa", H100);
    FakeGpu second = nvml.addGpu("GPU-bbbb", H100);
    try (NvmlGpuSource source = open(List.of(), 10)) {
      source.read(); // fills the gauge cache
      int firstBefore = first.deviceCalls;
      int secondBefore = second.deviceCalls;

      for (int tick = 0; tick < 5; tick++) {
        clock.now += 1.0;
        source.read().forEach(NvmlGpuSourceTest::up);
      }

      assertEquals(5, first.deviceCalls - firstBefore);
      assertEquals(5, second.deviceCalls - secondBefore);
      assertEquals(6, first.calls("nvmlDeviceGetFieldValues"));
      assertEquals(1, first.calls("nvmlDeviceGetTemperature"));
      assertEquals(
          List.of(
              NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION,
              NvmlLibrary.NVML_FI_DEV_POWER_AVERAGE,
              NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT),
          first.fieldRequests.get(5));
      assertEquals(0, first.calls("nvmlDeviceGetEnforcedPowerLimit"));
    }
  }

  @Test
  void refreshesSlowGaugesEveryRefreshIntervalAndEveryTickWhenZero() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    try (NvmlGpuSource source = open(List.of(), 2.5)) {
      for (int tick = 0; tick < 6; tick++) {
        gpu.temperatureCelsius = 40 + tick;
        GpuReading.Up reading = up(source.read().get(0));
        // Refreshed at ticks 0 and 3 (2.5 s later), cached in between.
        assertEquals(tick < 3 ? 40.0 : 43.0, reading.gauges().temperatureCelsius());
        clock.now += 1.0;
      }
      assertEquals(2, gpu.calls("nvmlDeviceGetTemperature"));
    }
    try (NvmlGpuSource everyTick = open(List.of(), 0)) {
      for (int tick = 0; tick < 3; tick++) {
        everyTick.read();
      }
      assertEquals(2 + 3, gpu.calls("nvmlDeviceGetTemperature"));
    }
  }

  @Test
  void integratesSampledPowerWithTheTrapezoidRuleWithoutAnEnergyCounter() {
    FakeGpu pascal = nvml.addGpu("GPU-pppp", "Tesla P100-PCIE-16GB");
    pascal.energyResult = NvmlLibrary.NVML_ERROR_NOT_SUPPORTED;
    pascal.averagePowerSupported = false;
    pascal.instantPowerScript.addAll(List.of(100_000L, 200_000L, 150_000L));
    try (NvmlGpuSource source = open(List.of(), 60)) {
      GpuIdentity gpu = source.gpus().get(0);
      assertEquals(EnergyMethod.POWER_INTEGRATION, source.energyMethod(gpu).orElseThrow());

      clock.now = 10.0;
      GpuReading.Up first = up(source.read().get(0));
      clock.now = 11.0;
      GpuReading.Up second = up(source.read().get(0));
      clock.now = 13.0;
      GpuReading.Up third = up(source.read().get(0));

      assertEquals(EnergyMethod.POWER_INTEGRATION, third.energyMethod());
      assertEquals(0.0, first.energyJoules());
      assertEquals(0.0, first.energyUpdatePeriodSeconds());
      // (100 W + 200 W) / 2 * 1 s = 150 J; then + (200 W + 150 W) / 2 * 2 s = 500 J.
      assertEquals(150.0, second.energyJoules(), EPS);
      assertEquals(500.0, third.energyJoules(), EPS);
      assertEquals(2.0, third.energyUpdatePeriodSeconds(), EPS);
      assertEquals(150.0, third.sampledPowerWatts());
      assertEquals(13.001, third.timestampSeconds(), EPS);
      assertEquals(
          List.of(
              NvmlLibrary.NVML_FI_DEV_POWER_INSTANT, NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT),
          pascal.fieldRequests.get(2));
    }
  }

  @Test
  void aLostGpuIsDownWhileTheOthersCarryOnAndIsRetriedWithGrowingDelays() {
    FakeGpu lost = nvml.addGpu("GPU-aaaa", H100);
    FakeGpu healthy = nvml.addGpu("GPU-bbbb", H100);
    try (NvmlGpuSource source = open(List.of(), 10)) {
      clock.now = 50.0;
      source.read().forEach(NvmlGpuSourceTest::up);
      lost.lostFromCall = lost.deviceCalls;
      clock.now = 51.0;

      List<GpuReading> readings = source.read();

      GpuReading.Down gone = down(readings.get(0));
      assertEquals("gpu_is_lost", gone.reason());
      assertEquals(
          "GPU 0 (GPU-aaaa): nvmlDeviceGetFieldValues failed: gpu_is_lost (GPU is lost)",
          gone.detail());
      assertEquals(51.0, gone.timestampSeconds());
      up(readings.get(1));

      // Retried 1 s later, then 2 s after that; no NVML call for it in between.
      int callsWhenLost = lost.deviceCalls;
      clock.now = 51.5;
      assertEquals("gpu_is_lost", down(source.read().get(0)).reason());
      assertEquals(callsWhenLost, lost.deviceCalls);
      clock.now = 52.0;
      down(source.read().get(0));
      assertEquals(callsWhenLost + 1, lost.deviceCalls);
      clock.now = 53.9;
      List<GpuReading> whileWaiting = source.read();
      down(whileWaiting.get(0));
      up(whileWaiting.get(1));
      assertEquals(callsWhenLost + 1, lost.deviceCalls);

      lost.lostFromCall = Integer.MAX_VALUE;
      clock.now = 54.0;
      GpuReading.Up back = up(source.read().get(0));
      assertEquals(EnergyMethod.COUNTER, back.energyMethod());
      assertEquals(6, healthy.calls("nvmlDeviceGetFieldValues")); // read on every tick
    }
  }

  @Test
  void aBrokenCodeInOneFieldOrGaugeMarksTheGpuDown() {
    FakeGpu fieldBroken = nvml.addGpu("GPU-aaaa", H100);
    FakeGpu gaugeBroken = nvml.addGpu("GPU-bbbb", H100);
    try (NvmlGpuSource source = open(List.of(), 0)) {
      fieldBroken.fieldResults.put(
          NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION, NvmlLibrary.NVML_ERROR_GPU_IS_LOST);
      gaugeBroken.functionResults.put("nvmlDeviceGetTemperature", NvmlLibrary.NVML_ERROR_UNKNOWN);

      List<GpuReading> readings = source.read();

      GpuReading.Down first = down(readings.get(0));
      assertEquals("gpu_is_lost", first.reason());
      assertEquals(
          "GPU 0 (GPU-aaaa): nvmlDeviceGetFieldValues(NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION)"
              + " failed: gpu_is_lost (GPU is lost)",
          first.detail());
      GpuReading.Down second = down(readings.get(1));
      assertEquals("unknown", second.reason());
      assertEquals(
          "GPU 1 (GPU-bbbb): nvmlDeviceGetTemperature failed: unknown (Unknown Error)",
          second.detail());
    }
  }

  @Test
  void anUnavailableGaugeIsNaNAndNotAskedAgain() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    gpu.functionResults.put("nvmlDeviceGetTemperature", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
    try (NvmlGpuSource source = open(List.of(), 0)) {
      for (int tick = 0; tick < 3; tick++) {
        GpuReading.Up reading = up(source.read().get(0));
        assertTrue(Double.isNaN(reading.gauges().temperatureCelsius()));
        assertEquals(0.3, reading.gauges().utilizationRatio());
      }
      assertEquals(1, gpu.calls("nvmlDeviceGetTemperature"));
    }
  }

  @Test
  void aRefusedFieldFallsBackToTheNextSourceOfTheSameQuantity() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", "NVIDIA A100-SXM4-80GB");
    gpu.averagePowerSupported = false; // GA100: no 1 s average
    gpu.instantPowerMilliwatts = 90_000;
    gpu.fieldResults.put(
        NvmlLibrary.NVML_FI_DEV_POWER_CURRENT_LIMIT, NvmlLibrary.NVML_ERROR_INVALID_ARGUMENT);
    gpu.powerLimitMilliwatts = 400_000;
    try (NvmlGpuSource source = open(List.of(), 10)) {
      GpuReading.Up first = up(source.read().get(0));
      GpuReading.Up second = up(source.read().get(0));

      // First tick: the refused power field is replaced by nvmlDeviceGetPowerUsage, the refused
      // limit field by nvmlDeviceGetEnforcedPowerLimit; second tick asks for POWER_INSTANT instead.
      assertEquals(90.0, first.sampledPowerWatts());
      assertEquals(90.0, second.sampledPowerWatts());
      assertEquals(400.0, second.gauges().powerLimitWatts());
      assertEquals(1, gpu.calls("nvmlDeviceGetPowerUsage"));
      assertEquals(1, gpu.calls("nvmlDeviceGetEnforcedPowerLimit"));
      assertEquals(
          List.of(
              NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION,
              NvmlLibrary.NVML_FI_DEV_POWER_INSTANT),
          gpu.fieldRequests.get(1));
    }
  }

  @Test
  void readsWithIndividualCallsWhenTheDriverLacksFieldValues() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    gpu.energyMillijoules = 5_000;
    gpu.averagePowerMilliwatts = 120_000;
    nvml.fieldValuesMissing = true;
    try (NvmlGpuSource source = open(List.of(), 10)) {
      clock.now = 300.0;
      GpuReading.Up reading = up(source.read().get(0));

      assertEquals(5.0, reading.energyJoules());
      assertEquals(120.0, reading.sampledPowerWatts());
      assertEquals(700.0, reading.gauges().powerLimitWatts());
      // The missing function costs 2 ms once; energy is timed by its own call (300.002..300.004).
      assertEquals(300.003, reading.timestampSeconds(), EPS);
      assertEquals(0.001, reading.timeUncertaintySeconds(), EPS);
      int before = gpu.deviceCalls;
      source.read();
      assertEquals(2, gpu.deviceCalls - before); // energy and power; gauges cached
    }
  }

  @Test
  void aGpuWithNeitherEnergyCounterNorPowerIsDownAsNotSupported() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", "Quadro K600");
    gpu.energyResult = NvmlLibrary.NVML_ERROR_NOT_SUPPORTED;
    gpu.averagePowerSupported = false;
    gpu.fieldResults.put(
        NvmlLibrary.NVML_FI_DEV_POWER_INSTANT, NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
    gpu.functionResults.put("nvmlDeviceGetPowerUsage", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
    try (NvmlGpuSource source = open(List.of(), 10)) {
      GpuReading.Down reading = down(source.read().get(0));
      assertEquals("not_supported", reading.reason());
      assertEquals(
          "GPU 0 (GPU-aaaa): nvmlDeviceGetPowerUsage failed: not_supported (Not Supported)",
          reading.detail());
    }
  }

  @Test
  void aGpuBrokenAtStartIsDownAndDecidesItsEnergyMethodWhenItComesBack() {
    FakeGpu gpu = nvml.addGpu("GPU-aaaa", H100);
    gpu.functionResults.put(
        "nvmlDeviceGetTotalEnergyConsumption", NvmlLibrary.NVML_ERROR_GPU_IS_LOST);
    try (NvmlGpuSource source = open(List.of(), 10)) {
      GpuIdentity identity = source.gpus().get(0);
      assertTrue(source.energyMethod(identity).isEmpty());
      assertEquals("gpu_is_lost", down(source.read().get(0)).reason());

      gpu.functionResults.clear();
      clock.now += 1.0;
      assertEquals(EnergyMethod.COUNTER, up(source.read().get(0)).energyMethod());
      assertEquals(EnergyMethod.COUNTER, source.energyMethod(identity).orElseThrow());
    }
  }

  @Test
  void selectsGpusByIndexAndByUuidInIndexOrder() {
    nvml.addGpu("GPU-aaaa", H100);
    nvml.addGpu("GPU-bbbb", H100);
    nvml.addGpu("GPU-cccc", H100);
    try (NvmlGpuSource source = open(List.of("GPU-CCCC", " 0 "), 10)) {
      assertEquals(
          List.of(new GpuIdentity(0, "GPU-aaaa", H100), new GpuIdentity(2, "GPU-cccc", H100)),
          source.gpus());
      assertEquals(2, source.read().size());
    }
    try (NvmlGpuSource source = open(List.of("1", "GPU-bbbb"), 10)) {
      assertEquals(List.of(new GpuIdentity(1, "GPU-bbbb", H100)), source.gpus());
    }
  }

  @Test
  void anUnknownSelectionNamesItAndListsThePresentGpusThenShutsNvmlDown() {
    nvml.addGpu("GPU-aaaa", H100);
    nvml.addGpu("GPU-bbbb", "NVIDIA L4");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> open(List.of("7", "GPU-nope"), 10));

    assertEquals(
        "GPU selection '7', 'GPU-nope' match no GPU on this host; present: "
            + "0 GPU-aaaa (NVIDIA H100 80GB HBM3), 1 GPU-bbbb (NVIDIA L4)",
        e.getMessage());
    assertEquals(1, nvml.shutdownCalls);
  }

  @Test
  void aGpuWhoseIdentityCannotBeReadIsLeftOutAndListedInSelectionErrors() {
    nvml.addGpu("GPU-aaaa", H100);
    FakeGpu broken = nvml.addGpu("GPU-bbbb", H100);
    broken.functionResults.put("nvmlDeviceGetUUID", NvmlLibrary.NVML_ERROR_GPU_IS_LOST);
    try (NvmlGpuSource source = open(List.of(), 10)) {
      assertEquals(List.of(new GpuIdentity(0, "GPU-aaaa", H100)), source.gpus());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> open(List.of("1"), 10));
    assertEquals(
        "GPU selection '1' matches no GPU on this host; present: 0 GPU-aaaa (NVIDIA H100 80GB"
            + " HBM3), 1 unreadable: nvmlDeviceGetUUID failed: gpu_is_lost (GPU is lost)",
        e.getMessage());
  }

  @Test
  void anInitFailureCarriesTheCodeAndTheLibraryMessage() {
    nvml.addGpu("GPU-aaaa", H100);
    nvml.initResult = NvmlLibrary.NVML_ERROR_DRIVER_NOT_LOADED;

    NvmlException e = assertThrows(NvmlException.class, () -> open(List.of(), 10));

    assertEquals(NvmlReturn.DRIVER_NOT_LOADED, e.result());
    assertEquals("nvmlInit_v2", e.function());
    assertEquals("nvmlInit_v2 failed: driver_not_loaded (Driver Not Loaded)", e.getMessage());
    assertTrue(e.isUnavailable());
    assertEquals(0, nvml.shutdownCalls);
  }

  @Test
  void noGpuAtAllIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(List.of(), 10));
    assertEquals("NVML (driver 550.54.15) finds no readable GPU", e.getMessage());
    assertEquals(1, nvml.shutdownCalls);
  }

  @Test
  void closeShutsNvmlDownOnceAndReadAfterCloseFails() {
    nvml.addGpu("GPU-aaaa", H100);
    NvmlGpuSource source = open(List.of(), 10);

    source.close();
    source.close();

    assertEquals(1, nvml.initCalls);
    assertEquals(1, nvml.shutdownCalls);
    assertThrows(IllegalStateException.class, source::read);
  }

  @Test
  void reportsEveryNvmlCallToTheObserver() {
    nvml.addGpu("GPU-aaaa", H100);
    List<String> functions = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    NvmlCallObserver observer =
        (function, duration) -> {
          functions.add(function);
          seconds.add(duration);
        };
    try (NvmlGpuSource source = new NvmlGpuSource(nvml, List.of(), clock, observer, 10)) {
      functions.clear();
      seconds.clear();
      source.read();
      source.read();
    }
    assertEquals(
        List.of(
            "nvmlDeviceGetFieldValues",
            "nvmlDeviceGetTemperature",
            "nvmlDeviceGetUtilizationRates",
            "nvmlDeviceGetClockInfo",
            "nvmlDeviceGetMemoryInfo",
            "nvmlDeviceGetFieldValues",
            "nvmlShutdown"),
        functions);
    seconds.forEach(s -> assertEquals(0.002, s, EPS));
  }

  @Test
  void rejectsANegativeGaugeRefresh() {
    nvml.addGpu("GPU-aaaa", H100);
    assertThrows(IllegalArgumentException.class, () -> open(List.of(), -1));
    assertEquals(0, nvml.initCalls);
  }
}
