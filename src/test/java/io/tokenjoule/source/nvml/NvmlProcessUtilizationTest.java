package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import io.tokenjoule.source.ProcessUtilization;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeClock;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeGpu;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NvmlProcessUtilizationTest {

  private final FakeNvmlLibrary library = new FakeNvmlLibrary(new FakeClock(10));
  private final FakeGpu g0 = library.addGpu("GPU-0", "NVIDIA H100 80GB HBM3");
  private final FakeGpu g1 = library.addGpu("GPU-1", "NVIDIA H100 80GB HBM3");
  private final NvmlGpuSource source =
      new NvmlGpuSource(library, List.of(), library.clock, NvmlCallObserver.NONE, 0);

  /**
   * nvmlProcessUtilizationSample_t as a C compiler lays it out on LP64: offsets 0, 8, 16, 20, 24,
   * 28, size 32 (the unsigned long long is 8-aligned after the 4-byte pid).
   */
  @Test
  void matchesTheCLayoutOfNvmlProcessUtilizationSample() {
    NvmlProcessUtilizationSample[] samples =
        (NvmlProcessUtilizationSample[]) new NvmlProcessUtilizationSample().toArray(2);
    assertEquals(32, samples[0].size());
    assertEquals(
        32,
        Pointer.nativeValue(samples[1].getPointer())
            - Pointer.nativeValue(samples[0].getPointer()));

    Pointer second = samples[1].getPointer();
    second.setInt(0, -2); // pid 4294967294 as unsigned
    second.setLong(8, 1_763_800_000_123_456L);
    second.setInt(16, 87);
    second.setInt(20, 41);
    second.setInt(24, 3);
    second.setInt(28, 5);
    samples[1].read();

    assertEquals(4_294_967_294L, Integer.toUnsignedLong(samples[1].pid));
    assertEquals(1_763_800_000_123_456L, samples[1].timeStamp);
    assertEquals(87, samples[1].smUtil);
    assertEquals(41, samples[1].memUtil);
    assertEquals(3, samples[1].encUtil);
    assertEquals(5, samples[1].decUtil);
  }

  @Test
  void averagesEachProcessOverItsNewSamplesAndAsksOnlyForNewerOnes() {
    g0.processSamples.add(new long[] {100, 1_000, 60});
    g0.processSamples.add(new long[] {200, 1_000, 10});
    g0.processSamples.add(new long[] {100, 1_200, 80});
    var reader = source.processUtilization();

    Map<String, ProcessUtilization> first = reader.read();

    assertEquals(Map.of(100L, 0.7, 200L, 0.1), first.get("GPU-0").smRatioByPid());
    assertFalse(first.containsKey("GPU-1"), "no samples: absent");
    g0.processSamples.add(new long[] {200, 1_400, 30});

    Map<String, ProcessUtilization> second = reader.read();

    assertEquals(Map.of(200L, 0.3), second.get("GPU-0").smRatioByPid());
    assertEquals(List.of(0L, 0L, 1_200L, 1_200L), g0.processUtilizationSince);
    assertTrue(reader.read().isEmpty(), "nothing newer");
  }

  @Test
  void aGpuWithoutTheFeatureIsNotAskedAgainAndABrokenReadSkipsOnlyThatRead() {
    g0.functionResults.put("nvmlDeviceGetProcessUtilization", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
    g1.functionResults.put("nvmlDeviceGetProcessUtilization", NvmlLibrary.NVML_ERROR_UNKNOWN);
    var reader = source.processUtilization();

    assertTrue(reader.read().isEmpty());
    g1.functionResults.clear();
    g1.processSamples.add(new long[] {300, 50, 25});
    Map<String, ProcessUtilization> later = reader.read();

    assertEquals(1, g0.calls("nvmlDeviceGetProcessUtilization"));
    assertEquals(Map.of(300L, 0.25), later.get("GPU-1").smRatioByPid());
  }
}
