package io.tokenjoule.energybench;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Simulated GPUs whose energy follows the tokens a test server serves: each GPU draws {@code
 * idleWatts} all the time, and the group spends {@code joulesPerPromptToken} per prompt token when
 * prefill ends and {@code joulesPerGeneratedToken} per generated token when the token is sent,
 * shared evenly. The truth is kept as a list of charges, so the energy and tokens of any span are
 * known exactly. The exposed counters move every {@code publishSeconds} in whole millijoules, as
 * NVML's do. Thread-safe.
 */
public final class TokenPoweredGpus implements GpuEnergySource {

  private record Charge(double seconds, double joules, long promptTokens, long generatedTokens) {}

  private final MonotonicClock clock;
  private final int count;
  private final double idleWatts;
  private final double publishSeconds;
  private final double origin;
  private final List<Charge> charges = new ArrayList<>();
  private double joulesPerPromptToken;
  private double joulesPerGeneratedToken;

  public TokenPoweredGpus(
      MonotonicClock clock,
      int count,
      double idleWatts,
      double joulesPerPromptToken,
      double joulesPerGeneratedToken,
      double publishSeconds) {
    this.clock = clock;
    this.count = count;
    this.idleWatts = idleWatts;
    this.joulesPerPromptToken = joulesPerPromptToken;
    this.joulesPerGeneratedToken = joulesPerGeneratedToken;
    this.publishSeconds = publishSeconds;
    this.origin = clock.nowSeconds();
  }

  /** From now on each generated token costs {@code joules}, as after a regression. */
  public synchronized void setJoulesPerGeneratedToken(double joules) {
    this.joulesPerGeneratedToken = joules;
  }

  /** Prefill of {@code promptTokens} ended now. */
  public synchronized void prefill(long promptTokens) {
    charges.add(
        new Charge(clock.nowSeconds(), promptTokens * joulesPerPromptToken, promptTokens, 0));
  }

  /** One generated token was sent now. */
  public synchronized void generated() {
    charges.add(new Charge(clock.nowSeconds(), joulesPerGeneratedToken, 0, 1));
  }

  /** True energy of all GPUs between two instants, joules. */
  public synchronized double trueJoules(double from, double to) {
    double joules = count * idleWatts * (to - from);
    for (Charge c : charges) {
      if (c.seconds() >= from && c.seconds() <= to) {
        joules += c.joules();
      }
    }
    return joules;
  }

  public synchronized long trueGeneratedTokens(double from, double to) {
    return charges.stream()
        .filter(c -> c.seconds() >= from && c.seconds() <= to)
        .mapToLong(Charge::generatedTokens)
        .sum();
  }

  public synchronized long truePromptTokens(double from, double to) {
    return charges.stream()
        .filter(c -> c.seconds() >= from && c.seconds() <= to)
        .mapToLong(Charge::promptTokens)
        .sum();
  }

  /** One GPU's exposed counter: the truth at the last publication, floored to whole mJ. */
  private synchronized double counterJoules(double now) {
    double published = origin + Math.floor((now - origin) / publishSeconds) * publishSeconds;
    double joules = trueJoules(origin, published) / count;
    return Math.floor(joules * 1000) / 1000;
  }

  /** The page a tokenjoule agent on this host would serve, energy counters only. */
  public String metricsPage() {
    double joules = counterJoules(clock.nowSeconds());
    StringBuilder page = new StringBuilder("# TYPE tokenjoule_gpu_energy_joules_total counter\n");
    for (GpuIdentity gpu : gpus()) {
      page.append(
          String.format(
              Locale.ROOT,
              "tokenjoule_gpu_energy_joules_total{gpu=\"%d\",uuid=\"%s\",source=\"simulated\"}"
                  + " %.3f\n",
              gpu.index(),
              gpu.uuid(),
              joules));
    }
    return page.toString();
  }

  @Override
  public String sourceLabel() {
    return "simulated";
  }

  @Override
  public List<GpuIdentity> gpus() {
    List<GpuIdentity> gpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gpus.add(
          new GpuIdentity(
              i, String.format("GPU-00000000-0000-4000-8000-5133%08x", i), "Simulated H100"));
    }
    return gpus;
  }

  @Override
  public List<GpuReading> read() {
    double now = clock.nowSeconds();
    double joules = counterJoules(now);
    List<GpuReading> readings = new ArrayList<>();
    for (GpuIdentity gpu : gpus()) {
      readings.add(
          new GpuReading.Up(
              gpu,
              now,
              0,
              joules,
              EnergyMethod.COUNTER,
              publishSeconds,
              Double.NaN,
              new GpuGauges(700, 50, 0.5, 1.98e9, 7e10, 8e10)));
    }
    return readings;
  }

  @Override
  public String driverVersion() {
    return "simulated";
  }

  @Override
  public void close() {}
}
