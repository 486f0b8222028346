package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.NvmlLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The meter {@code tokenjoule bench} uses on a GPU host, against the real driver: runs only where
 * {@code libnvidia-ml} loads, and is skipped elsewhere with the reason. Samples for about 2 s.
 */
class NvmlMeterRealGpuTest {

  @Test
  void samplesRealEnergyIntoATimelineAtTheBenchPeriod() throws Exception {
    Optional<String> missing = NvmlLoader.unavailableReason();
    assumeTrue(missing.isEmpty(), () -> "no real NVML here: " + missing.orElse(""));
    EnergyTimeline timeline = new EnergyTimeline(0.1);
    try (GpuSourceMeter meter =
            new GpuSourceMeter(
                new NvmlGpuSource(
                    NvmlLoader.load(),
                    List.of(),
                    MonotonicClock.SYSTEM,
                    NvmlCallObserver.NONE,
                    1));
        EnergySampler sampler = new EnergySampler(meter, timeline, 0.1)) {
      assertEquals("nvml", meter.sourceLabel());
      assertFalse(meter.gpus().isEmpty());
      sampler.start();
      Thread.sleep(2000);
      sampler.sampleNow();
      assertEquals(0, sampler.failures(), sampler.lastFailure());
    }
    List<EnergyTimeline.Point> points = timeline.points();
    assertTrue(points.size() >= 15, "samples: " + points.size());
    double first = points.get(0).seconds();
    double last = points.get(points.size() - 1).seconds();
    double watts = timeline.joulesBetween(first, last) / (last - first);
    // Any GPU draws something when idle, and none draws more than a few kW.
    assertTrue(watts > 1 && watts < 10_000 * 8, "mean power " + watts + " W");
  }
}
