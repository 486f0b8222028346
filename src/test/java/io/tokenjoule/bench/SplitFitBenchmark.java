package io.tokenjoule.bench;

import io.tokenjoule.account.split.FitSettings;
import io.tokenjoule.account.split.PrefillDecodeFit;
import io.tokenjoule.account.split.SplitEstimate;
import java.util.Random;
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
 * One server's prefill/decode fit per tick: {@link #addAndEstimate} adds a 1 s interval and reads
 * the estimate, as the accountant does every tick, on a fit warmed past an hour so that it
 * publishes and weighs outliers. {@link #estimateAgain} reads it again without an interval (the
 * cached path). Run: {@code mvn -o -q -Pbench test-compile exec:exec -Dbench=SplitFitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SplitFitBenchmark {

  private static final int INTERVALS = 4096;

  private final double[] prompt = new double[INTERVALS];
  private final double[] generated = new double[INTERVALS];
  private final double[] energy = new double[INTERVALS];
  private PrefillDecodeFit fit;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    for (int i = 0; i < INTERVALS; i++) {
      generated[i] = 2000 * (0.1 + 0.9 * random.nextDouble());
      prompt[i] = generated[i] * (1 + 5 * random.nextDouble());
      energy[i] = 0.03 * prompt[i] + 0.25 * generated[i] + 90 + 5 * random.nextGaussian();
    }
    fit = new PrefillDecodeFit(FitSettings.defaults());
    for (int i = 0; i < 2 * 3600; i++) {
      addNext();
    }
    if (!fit.estimate().wellConditioned()) {
      throw new IllegalStateException("the warmed fit should publish: " + fit.estimate());
    }
  }

  @Benchmark
  public SplitEstimate addAndEstimate() {
    addNext();
    return fit.estimate();
  }

  @Benchmark
  public SplitEstimate estimateAgain() {
    return fit.estimate();
  }

  private void addNext() {
    int i = next++ & (INTERVALS - 1);
    fit.add(1, prompt[i], generated[i], energy[i]);
  }
}
