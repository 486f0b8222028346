package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeClock;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeGpu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvmlTest {

  private final FakeClock clock = new FakeClock(0);
  private final FakeNvmlLibrary library = new FakeNvmlLibrary(clock);
  private final List<String> functions = new ArrayList<>();
  private final List<Double> seconds = new ArrayList<>();
  private final Nvml nvml =
      new Nvml(
          library,
          clock,
          (function, duration) -> {
            functions.add(function);
            seconds.add(duration);
          });

  @Test
  void aFailedCallCarriesItsCodeFunctionAndTheLibrarysMessage() {
    FakeGpu gpu = library.addGpu("GPU-aaaa", "NVIDIA H100 80GB HBM3");
    gpu.functionResults.put("nvmlDeviceGetPowerUsage", NvmlLibrary.NVML_ERROR_NO_PERMISSION);
    NvmlDevice device = nvml.handleByIndex(0);

    NvmlException e = assertThrows(NvmlException.class, () -> nvml.powerMilliwatts(device));

    assertEquals(NvmlReturn.NO_PERMISSION, e.result());
    assertEquals(4, e.code());
    assertEquals("nvmlDeviceGetPowerUsage", e.function());
    assertEquals("Insufficient Permissions", e.libraryMessage());
    assertEquals(
        "nvmlDeviceGetPowerUsage failed: no_permission (Insufficient Permissions)", e.getMessage());
    assertTrue(e.isUnavailable());
  }

  @Test
  void anUnrecognizedCodeKeepsItsNumber() {
    library.initResult = 42;

    NvmlException e = assertThrows(NvmlException.class, nvml::init);

    assertEquals(NvmlReturn.UNRECOGNIZED, e.result());
    assertEquals(42, e.code());
    assertEquals("nvmlInit_v2 failed: unrecognized (fake error 42)", e.getMessage());
    assertTrue(e.isBroken());
  }

  @Test
  void aFunctionMissingFromTheDriverIsFunctionNotFound() {
    library.addGpu("GPU-aaaa", "Tesla K80");
    library.fieldValuesMissing = true;
    NvmlDevice device = nvml.handleByIndex(0);

    NvmlException e =
        assertThrows(
            NvmlException.class,
            () -> nvml.fieldValues(device, new NvmlFieldValue[] {new NvmlFieldValue()}));

    assertEquals(NvmlReturn.FUNCTION_NOT_FOUND, e.result());
    assertEquals("nvmlDeviceGetFieldValues", e.function());
    assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
    assertTrue(e.isUnavailable());
  }

  @Test
  void timesEveryCallSuccessfulOrNotOnTheInjectedClock() {
    library.callSeconds = 0.0025;
    FakeGpu gpu = library.addGpu("GPU-aaaa", "NVIDIA H100 80GB HBM3");
    gpu.functionResults.put("nvmlDeviceGetTemperature", NvmlLibrary.NVML_ERROR_UNKNOWN);
    nvml.init();
    NvmlDevice device = nvml.handleByIndex(0);
    assertThrows(NvmlException.class, () -> nvml.gpuTemperatureCelsius(device));

    assertEquals(
        List.of("nvmlInit_v2", "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetTemperature"),
        functions);
    seconds.forEach(s -> assertEquals(0.0025, s, 1e-12));
  }

  @Test
  void readsStringsAndNumbersInNvmlUnits() {
    FakeGpu gpu = library.addGpu("GPU-0d9f2c3e-aaaa", "NVIDIA H100 80GB HBM3");
    gpu.energyMillijoules = 42_000;
    gpu.memoryUsedBytes = 3_000;
    gpu.memoryTotalBytes = 8_000;
    NvmlDevice device = nvml.handleByIndex(0);

    assertEquals("550.54.15", nvml.driverVersion());
    assertEquals(1, nvml.deviceCount());
    assertEquals("GPU-0d9f2c3e-aaaa", nvml.uuid(device));
    assertEquals("NVIDIA H100 80GB HBM3", nvml.name(device));
    assertEquals(42_000.0, nvml.totalEnergyMillijoules(device));
    assertEquals(250_000, nvml.powerMilliwatts(device));
    assertEquals(700_000, nvml.enforcedPowerLimitMilliwatts(device));
    assertEquals(45, nvml.gpuTemperatureCelsius(device));
    assertEquals(30, nvml.gpuUtilizationPercent(device));
    assertEquals(1_980, nvml.clockMegahertz(device, NvmlLibrary.NVML_CLOCK_SM));
    assertEquals(3_000, nvml.memory(device).used);
  }

  @Test
  void readsUnsignedIntAnswersAboveTheSignedRange() {
    FakeGpu gpu = library.addGpu("GPU-aaaa", "NVIDIA H100 80GB HBM3");
    gpu.averagePowerMilliwatts = 3_000_000_000L; // stored as a C unsigned int
    assertEquals(3_000_000_000L, nvml.powerMilliwatts(nvml.handleByIndex(0)));
  }
}
