package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeClock;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeGpu;
import org.junit.jupiter.api.Test;

class NvmlComputeProcessesTest {

  private static final String FUNCTION = "nvmlDeviceGetComputeRunningProcesses_v3";

  private final FakeClock clock = new FakeClock(0);
  private final FakeNvmlLibrary library = new FakeNvmlLibrary(clock);
  private final Nvml nvml = new Nvml(library, clock, (function, seconds) -> {});
  private final FakeGpu gpu = library.addGpu("GPU-aaaa", "NVIDIA H100 80GB HBM3");

  @Test
  void asksForTheCountThenReadsThePids() {
    gpu.computePids.add(4145);
    gpu.computePids.add(4146);

    int[] pids = nvml.computeRunningPids(nvml.handleByIndex(0));

    assertArrayEquals(new int[] {4145, 4146}, pids);
    assertEquals(2, gpu.calls(FUNCTION));
  }

  @Test
  void anIdleGpuAnswersInOneCall() {
    int[] pids = nvml.computeRunningPids(nvml.handleByIndex(0));

    assertArrayEquals(new int[0], pids);
    assertEquals(1, gpu.calls(FUNCTION));
  }

  @Test
  void processesStartingBetweenCallsAreCaughtByTheHeadroomOrARetry() {
    gpu.computePids.add(1);
    // Each call sees 9 more than the last (1, 10, 19, 28) against capacities 0, 9, 18, 27.
    gpu.pidsStartingBetweenCalls = 9;

    NvmlException e =
        assertThrows(NvmlException.class, () -> nvml.computeRunningPids(nvml.handleByIndex(0)));

    assertEquals(NvmlReturn.INSUFFICIENT_SIZE, e.result());
    assertEquals(4, gpu.calls(FUNCTION));
  }

  @Test
  void oneLateStarterIsReadOnTheSecondCall() {
    gpu.computePids.add(7);
    gpu.pidsStartingBetweenCalls = 1;

    int[] pids = nvml.computeRunningPids(nvml.handleByIndex(0));

    assertArrayEquals(new int[] {7, 90_001}, pids);
    assertEquals(2, gpu.calls(FUNCTION));
  }

  @Test
  void aRefusalIsThrownWithItsCode() {
    gpu.functionResults.put(FUNCTION, NvmlLibrary.NVML_ERROR_NO_PERMISSION);

    NvmlException e =
        assertThrows(NvmlException.class, () -> nvml.computeRunningPids(nvml.handleByIndex(0)));

    assertEquals(NvmlReturn.NO_PERMISSION, e.result());
  }
}
