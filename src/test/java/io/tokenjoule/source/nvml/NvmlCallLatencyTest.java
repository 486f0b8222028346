package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.export.NvmlCallTimers;
import io.tokenjoule.source.nvml.FakeNvmlLibrary.FakeClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every NVML call of a tick is timed on the agent's clock and published as {@code
 * tokenjoule_nvml_call_duration_seconds{function}}, one series per C function.
 */
class NvmlCallLatencyTest {

  /** A clock where every reading is 2 ms after the one before: each call lasts 2 ms. */
  private static final class SteppingClock implements MonotonicClock {
    private double now = 100;

    @Override
    public double nowSeconds() {
      now += 0.002;
      return now;
    }
  }

  @Test
  void eachCallOfATickIsTimedByFunction() {
    SteppingClock clock = new SteppingClock();
    FakeNvmlLibrary nvml = new FakeNvmlLibrary(new FakeClock(100));
    nvml.addGpu("GPU-aaaa", "NVIDIA H100 80GB HBM3");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (NvmlGpuSource source =
        new NvmlGpuSource(nvml, List.of(), clock, new NvmlCallTimers(registry), 10)) {
      source.read();
      Timer fields =
          registry
              .get("tokenjoule.nvml.call.duration")
              .tag("function", "nvmlDeviceGetFieldValues")
              .timer();
      long afterOneTick = fields.count();
      source.read();

      assertEquals(afterOneTick + 1, fields.count(), "one field-values call per GPU per tick");
      assertEquals(
          0.002 * fields.count(), fields.totalTime(TimeUnit.SECONDS), 1e-9, "2 ms per call");
      String page = registry.scrape();
      assertTrue(
          page.contains(
              "tokenjoule_nvml_call_duration_seconds_count{function=\"nvmlDeviceGetFieldValues\"}"),
          page);
      assertTrue(page.contains("function=\"nvmlInit_v2\""), page);
    }
  }
}
