package io.tokenjoule.bench;

import io.tokenjoule.account.Accountant;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerSpec;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One accounting tick of a busy node: 8 GPUs, 8 servers (s0..s3 on one GPU each, s4 and s5 on
 * tensor-parallel pairs g4+g5 and g6+g7, s6 sharing g0 with s0, s7 sharing g6+g7 with s5), a 60 s
 * window at 1 s ticks, warmed up past a full window so every tick evicts one interval and adds one.
 *
 * <p>{@link #inputsOnly} builds the same readings without accounting them: subtract it from {@link
 * #tick} for the cost of accounting alone. Run: {@code mvn -o -q -Pbench test-compile exec:exec
 * -Dbench=AccountingBenchmark}; add {@code -prof gc} through the JMH command line for allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AccountingBenchmark {

  private static final double WINDOW_SECONDS = 60;
  private static final GpuGauges GAUGES = new GpuGauges(700, 60, 0.8, 1.98e9, 7e10, 8e10);

  private final List<GpuIdentity> gpus = new ArrayList<>();
  private final List<String> serverNames = new ArrayList<>();
  private Accountant accountant;
  private long tick;

  @Setup
  public void setUp() {
    for (int i = 0; i < 8; i++) {
      gpus.add(new GpuIdentity(i, "GPU-bench-" + i, "NVIDIA H100 80GB HBM3"));
    }
    List<ServerSpec> servers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      servers.add(server("s" + i, i));
    }
    servers.add(server("s4", 4, 5));
    servers.add(server("s5", 6, 7));
    servers.add(server("s6", 0));
    servers.add(server("s7", 6, 7));
    servers.forEach(spec -> serverNames.add(spec.name()));
    accountant = new Accountant(WINDOW_SECONDS, gpus, servers, false);
    for (int i = 0; i < 2 * WINDOW_SECONDS; i++) {
      tick();
    }
  }

  private ServerSpec server(String name, int... gpuIndices) {
    List<String> uuids = new ArrayList<>();
    for (int index : gpuIndices) {
      uuids.add(gpus.get(index).uuid());
    }
    return new ServerSpec(name, "vllm", uuids);
  }

  @Benchmark
  public AccountingSnapshot tick() {
    long t = ++tick;
    return accountant.tick(t, gpuReadings(t), serverReadings(t));
  }

  @Benchmark
  public Object inputsOnly() {
    long t = ++tick;
    return new Object[] {gpuReadings(t), serverReadings(t)};
  }

  private List<GpuReading> gpuReadings(long t) {
    List<GpuReading> readings = new ArrayList<>(gpus.size());
    for (int i = 0; i < gpus.size(); i++) {
      readings.add(
          new GpuReading.Up(
              gpus.get(i),
              t + 0.001 * i,
              0.001,
              1e6 + (300.0 + i) * t,
              EnergyMethod.COUNTER,
              0.1,
              300,
              GAUGES));
    }
    return readings;
  }

  private Map<String, ServerReading> serverReadings(long t) {
    Map<String, ServerReading> readings = new HashMap<>(16);
    for (int i = 0; i < serverNames.size(); i++) {
      ModelCounters model =
          new ModelCounters("model-" + (i % 2), 500.0 * t, (100.0 + i) * t, 2.0 * t, 16);
      readings.put(
          serverNames.get(i),
          new ServerReading(t + 0.005, 0.002, new EngineCounters(List.of(model), 16, false)));
    }
    return readings;
  }
}
