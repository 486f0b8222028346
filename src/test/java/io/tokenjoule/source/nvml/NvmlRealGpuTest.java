package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilization;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real driver: runs only where {@code libnvidia-ml} loads and NVML sees a GPU, and is
 * skipped elsewhere with the reason. Generates no load: it expects the GPUs to be idle or steadily
 * loaded while it runs (about 10 s).
 */
class NvmlRealGpuTest {

  private static NvmlGpuSource source;
  private static String skipReason;

  @BeforeAll
  static void openRealNvml() throws NvmlUnavailableException {
    Optional<String> missing = NvmlLoader.unavailableReason();
    if (missing.isPresent()) {
      skipReason = "no real NVML here: " + missing.get();
      return;
    }
    try {
      source =
          new NvmlGpuSource(
              NvmlLoader.load(), List.of(), MonotonicClock.SYSTEM, NvmlCallObserver.NONE, 0);
    } catch (NvmlException | IllegalStateException e) {
      skipReason = "NVML loads but offers no GPU: " + e.getMessage();
    }
  }

  @BeforeEach
  void requireRealGpu() {
    assumeTrue(source != null, skipReason);
  }

  @AfterAll
  static void closeRealNvml() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void energyNeverDecreasesAndSampledPowerStaysUnderTheEnforcedLimit() throws InterruptedException {
    List<GpuReading> previous = source.read();
    for (int i = 0; i < 6; i++) {
      Thread.sleep(500);
      List<GpuReading> current = source.read();
      for (int g = 0; g < current.size(); g++) {
        GpuReading.Up before = assertInstanceOf(GpuReading.Up.class, previous.get(g));
        GpuReading.Up now = assertInstanceOf(GpuReading.Up.class, current.get(g));
        assertTrue(now.energyJoules() >= before.energyJoules(), now.toString());
        assertTrue(now.timestampSeconds() > before.timestampSeconds());
        double limit = now.gauges().powerLimitWatts();
        assertFalse(Double.isNaN(now.sampledPowerWatts()), now.toString());
        assertTrue(now.sampledPowerWatts() > 0, now.toString());
        // The 1 s average can overshoot a just-lowered limit while the controller catches up.
        assertTrue(Double.isNaN(limit) || now.sampledPowerWatts() <= limit * 1.05, now.toString());
      }
      previous = current;
    }
  }

  /**
   * The counter's rate over ~5 s must match the mean of the device's own power samples. Tolerance
   * 10 % + 5 W: the counter moves in 100 ms steps, so each end of a 5 s window can be 0.1 s stale
   * (up to 4 % together); Hopper's sampled power is a trailing 1 s average, so its mean covers the
   * window shifted by up to 1 s, which matters only if the load changes. A unit or scale mistake
   * (mJ as J, mW as W) or a wrong interval is far outside this band.
   */
  @Test
  void counterRateAgreesWithSampledPower() throws InterruptedException {
    List<GpuReading> start = source.read();
    List<List<Double>> samples = new ArrayList<>();
    start.forEach(r -> samples.add(new ArrayList<>()));
    List<GpuReading> end = start;
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      end = source.read();
      for (int g = 0; g < end.size(); g++) {
        samples.get(g).add(((GpuReading.Up) end.get(g)).sampledPowerWatts());
      }
    }
    for (int g = 0; g < end.size(); g++) {
      GpuReading.Up first = (GpuReading.Up) start.get(g);
      GpuReading.Up last = (GpuReading.Up) end.get(g);
      assumeTrue(
          last.energyMethod() == EnergyMethod.COUNTER,
          () -> "GPU " + last.gpu().index() + " has no energy counter to compare");
      double seconds = last.timestampSeconds() - first.timestampSeconds();
      double counterWatts = (last.energyJoules() - first.energyJoules()) / seconds;
      double sampledWatts =
          samples.get(g).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      System.out.printf(
          "GPU %d: counter %.1f W over %.2f s, sampled power mean %.1f W%n",
          last.gpu().index(), counterWatts, seconds, sampledWatts);
      assertEquals(sampledWatts, counterWatts, 0.10 * sampledWatts + 5.0, last.toString());
    }
  }

  /**
   * Per-process utilisation against the real driver: two reads 1 s apart must succeed (a GPU where
   * the feature is unavailable is left out, not an error), and every sample must be a plausible
   * ratio of a real process. The GPUs may be idle, so no sample is required.
   */
  @Test
  void processUtilizationReadsPlausibleRatiosOrNothing() throws InterruptedException {
    ProcessUtilizationSource processes = source.processUtilization();
    processes.read();
    Thread.sleep(1000);
    Map<String, ProcessUtilization> byGpu = processes.read();
    for (ProcessUtilization gpu : byGpu.values()) {
      System.out.printf("GPU %s: SM utilisation by pid %s%n", gpu.gpuUuid(), gpu.smRatioByPid());
      assertTrue(
          source.gpus().stream().anyMatch(g -> g.uuid().equals(gpu.gpuUuid())), gpu.gpuUuid());
      gpu.smRatioByPid()
          .forEach(
              (pid, ratio) -> {
                assertTrue(pid > 0, gpu.toString());
                assertTrue(ratio >= 0 && ratio <= 1, gpu.toString());
              });
    }
  }
}
