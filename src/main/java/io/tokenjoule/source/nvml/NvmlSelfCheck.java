package io.tokenjoule.source.nvml;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks NVML on a GPU host and prints what tokenjoule would read: the GPUs, their energy method,
 * one tick's readings and what a tick costs.
 *
 * <pre>java -cp target/tokenjoule.jar io.tokenjoule.source.nvml.NvmlSelfCheck [library]</pre>
 *
 * Exits 0 when every GPU reads, 1 when one is down, 2 when NVML cannot be used.
 */
public final class NvmlSelfCheck {

  private static final int WARM_UP_READS = 50;
  private static final int TIMED_READS = 20;

  private NvmlSelfCheck() {}

  public static void main(String[] args) throws InterruptedException {
    NvmlLibrary library;
    try {
      library = args.length > 0 ? NvmlLoader.load(args[0]) : NvmlLoader.load();
    } catch (NvmlUnavailableException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, double[]> calls = new TreeMap<>(); // function -> {count, total seconds}
    NvmlCallObserver observer =
        (function, seconds) -> {
          double[] c = calls.computeIfAbsent(function, f -> new double[2]);
          c[0]++;
          c[1] += seconds;
        };
    boolean allUp = true;
    try (NvmlGpuSource source =
        new NvmlGpuSource(library, List.of(), MonotonicClock.SYSTEM, observer, 0)) {
      System.out.println("driver " + source.driverVersion());
      for (GpuIdentity gpu : source.gpus()) {
        System.out.printf(
            "GPU %d %s %s, energy: %s%n",
            gpu.index(),
            gpu.uuid(),
            gpu.model(),
            source.energyMethod(gpu).map(m -> m.label()).orElse("undecided (GPU down)"));
      }
      System.out.println("one tick, gauges read too:");
      for (GpuReading reading : source.read()) {
        System.out.println("  " + describe(reading));
        allUp &= reading instanceof GpuReading.Up;
      }

      for (int i = 0; i < WARM_UP_READS; i++) {
        source.read(); // lets the JIT compile JNA's marshalling, as in a long-running agent
      }
      calls.clear();
      double[] millis = new double[TIMED_READS];
      for (int i = 0; i < TIMED_READS; i++) {
        Thread.sleep(100); // the counters' own update period
        long start = System.nanoTime();
        source.read();
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(millis);
      System.out.printf(
          "read() of %d GPU(s), gauges every tick, %d reads after warm-up: min %.2f ms, median %.2f ms,"
              + " max %.2f ms%n",
          source.gpus().size(),
          TIMED_READS,
          millis[0],
          millis[TIMED_READS / 2],
          millis[TIMED_READS - 1]);
      calls.forEach(
          (function, c) ->
              System.out.printf(
                  "  %-36s %5.0f calls, mean %.3f ms%n", function, c[0], c[1] / c[0] * 1e3));
    }
    System.exit(allUp ? 0 : 1);
  }

  private static String describe(GpuReading reading) {
    if (reading instanceof GpuReading.Down down) {
      return "GPU " + down.gpu().index() + " DOWN " + down.reason() + ": " + down.detail();
    }
    GpuReading.Up up = (GpuReading.Up) reading;
    GpuGauges g = up.gauges();
    return String.format(
        "GPU %d up: energy %.3f J (%s, moves every %.2f s), sampled power %.1f W, limit %.0f W,"
            + " %.0f C, utilization %.2f, SM %.0f MHz, memory %.1f / %.1f GiB, t=%.4f s +- %.2f ms",
        up.gpu().index(),
        up.energyJoules(),
        up.energyMethod().label(),
        up.energyUpdatePeriodSeconds(),
        up.sampledPowerWatts(),
        g.powerLimitWatts(),
        g.temperatureCelsius(),
        g.utilizationRatio(),
        g.smClockHertz() / 1e6,
        g.memoryUsedBytes() / (1L << 30),
        g.memoryTotalBytes() / (1L << 30),
        up.timestampSeconds(),
        up.timeUncertaintySeconds() * 1e3);
  }
}
