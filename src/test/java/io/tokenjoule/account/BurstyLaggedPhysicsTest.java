package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.scrape.TokenCounting;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.ProcessUtilization;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A second physics, unlike the model the prefill/decode fit assumes (E = a·prompt + b·generated +
 * c·t): decode energy per step grows sublinearly with the batch (J per decode token falls as the
 * batch grows), prompts hit a prefix cache (0, 50 or 90% of their tokens reused), requests arrive
 * in bursts with idle gaps, and the board's power follows the load through a first-order lag (τ =
 * 1.5 s), so the energy counter trails the tokens. One server counts tokens every step (like vLLM),
 * another only when a request finishes (like TGI).
 *
 * <p>Truth: the energy the tokens caused, the integral of the un-lagged power (idle split evenly
 * between servers), over the tokens made in the window. The shared GPU holds a small and a large
 * model whose SM busy time does not track their power (a step of the large model reads more weights
 * at more watts). The test prints the error table and requires the published bound ({@code
 * tokenjoule_energy_per_token_uncertainty_ratio}) to hold in at least 90% of the windows.
 */
class BurstyLaggedPhysicsTest {

  private static final double DT = 0.05;
  private static final double IDLE_WATTS = 80;
  private static final double LAG_SECONDS = 1.5;

  /** One simulated server's engine: its costs, and its counters as its engine kind keeps them. */
  private static final class Engine {
    final String name;
    final long pid;
    final double prefillJoulesPerToken;
    final double prefillTokensPerSecond;
    final double decodeWattsAtBatchOne;
    final double decodeTokensPerSecondPerRequest;
    final int maxBatch;
    final double decodeBusy;
    final boolean countsEveryStep;
    final Random random;
    final Deque<double[]> waiting = new ArrayDeque<>();
    final List<double[]> running = new ArrayList<>();
    double burstEnds;
    double nextBurst;
    // counters as published
    double promptServed;
    double promptCached;
    double generated;
    double requests;
    // truth
    double madePrompt;
    double madeGenerated;
    double causalJoules;
    double prefillJoules;
    double decodeJoules;
    double decodeTokens;
    double computedPrompt;
    double busySeconds;

    /**
     * @param busy the fraction of the GPU's time its decode steps keep kernels running at batch 1
     *     (a step reads all the weights: a larger model's step takes longer)
     */
    Engine(
        String name,
        long pid,
        double ap,
        double prefillRate,
        double kd,
        double rate,
        int b,
        double busy,
        boolean everyStep,
        long seed) {
      this.decodeBusy = busy;
      this.name = name;
      this.pid = pid;
      this.prefillJoulesPerToken = ap;
      this.prefillTokensPerSecond = prefillRate;
      this.decodeWattsAtBatchOne = kd;
      this.decodeTokensPerSecondPerRequest = rate;
      this.maxBatch = b;
      this.countsEveryStep = everyStep;
      this.random = new Random(seed);
    }

    /** Request: {served, cached, computed left, generated left, generated made}. */
    void arrive(double t) {
      if (t >= burstEnds && t >= nextBurst) {
        burstEnds = t + 20 + 40 * random.nextDouble();
        nextBurst = burstEnds + 10 + 30 * random.nextDouble();
      }
      if (t < burstEnds && random.nextDouble() < 1.5 * DT) {
        double served = 200 + random.nextInt(2800);
        double hit = new double[] {0, 0.5, 0.9}[random.nextInt(3)];
        double cached = Math.floor(served * hit);
        waiting.add(new double[] {served, cached, served - cached, 50 + random.nextInt(450), 0});
      }
    }

    /** One step; returns the power it draws above idle (W) and its SM busy fraction. */
    double[] step() {
      while (running.size() < maxBatch && !waiting.isEmpty()) {
        running.add(waiting.poll());
      }
      double prefillBudget = prefillTokensPerSecond * DT;
      double prefilled = 0;
      int decoding = 0;
      for (double[] r : running) {
        if (r[2] > 0) {
          double n = Math.min(r[2], prefillBudget - prefilled);
          r[2] -= n;
          prefilled += n;
          if (r[2] == 0) {
            promptServed += r[0];
            promptCached += r[1];
            madePrompt += r[0];
          }
        } else {
          decoding++;
        }
      }
      double decodeWatts = decoding == 0 ? 0 : decodeWattsAtBatchOne * Math.pow(decoding, 0.6);
      double tokens = 0;
      for (java.util.Iterator<double[]> it = running.iterator(); it.hasNext(); ) {
        double[] r = it.next();
        if (r[2] > 0) {
          continue;
        }
        double n = Math.min(r[3], decodeTokensPerSecondPerRequest * DT);
        r[3] -= n;
        r[4] += n;
        tokens += n;
        if (countsEveryStep) {
          generated += n;
        }
        if (r[3] <= 0) {
          if (!countsEveryStep) {
            generated += r[4];
          }
          requests++;
          it.remove();
        }
      }
      madeGenerated += tokens;
      computedPrompt += prefilled;
      double prefillWatts = prefilled * prefillJoulesPerToken / DT;
      prefillJoules += prefilled * prefillJoulesPerToken;
      decodeJoules += decodeWatts * DT;
      decodeTokens += tokens;
      double busy =
          Math.min(
              1,
              prefilled / prefillBudget
                  + (decoding > 0 ? decodeBusy * Math.pow(decoding, 0.3) : 0));
      busySeconds += busy * DT;
      return new double[] {prefillWatts + decodeWatts, busy};
    }

    double inFlightTokens() {
      double tokens = 0;
      for (double[] r : running) {
        tokens += countsEveryStep ? 1 : r[4] + r[3];
      }
      return tokens;
    }

    ServerReading reading(double t) {
      return new ServerReading(
          t,
          0.002,
          new EngineCounters(
              List.of(
                  new ModelCounters(
                      "m",
                      promptServed,
                      Math.floor(generated),
                      requests,
                      running.size(),
                      promptCached)),
              Math.max(1, inFlightTokens()),
              true,
              countsEveryStep ? TokenCounting.EVERY_STEP : TokenCounting.ON_COMPLETION));
    }
  }

  /** One server's figures per window end: measured, bound, truth. */
  private record WindowSample(double measured, double bound, double truth) {
    double error() {
      return Math.abs(measured - truth) / truth;
    }
  }

  private record Result(
      Map<String, List<WindowSample>> windows,
      Map<String, ServerAccount> accounts,
      Map<String, Engine> engines) {}

  private static Result run(List<Engine> engines, double seconds) {
    GpuIdentity g0 = gpu(0);
    List<ServerSpec> specs = new ArrayList<>();
    for (Engine e : engines) {
      specs.add(
          new ServerSpec(
              e.name,
              e.countsEveryStep ? "vllm" : "tgi",
              List.of(g0.uuid()),
              java.util.Set.of(e.pid)));
    }
    Accountant accountant = new Accountant(60, List.of(g0), specs, true);
    double power = IDLE_WATTS;
    double counter = 0;
    // causal (un-lagged) energy and tokens made, per server, sampled every tick for the truth
    Map<String, List<double[]>> history = new HashMap<>();
    Map<String, List<WindowSample>> windows = new HashMap<>();
    Map<String, ServerAccount> accounts = new HashMap<>();
    double[] busy = new double[engines.size()];
    int steps = (int) Math.round(1 / DT);
    for (int tick = 1; tick <= seconds; tick++) {
      Arrays.fill(busy, 0);
      for (int s = 0; s < steps; s++) {
        double t = tick - 1 + s * DT;
        double target = IDLE_WATTS;
        for (int i = 0; i < engines.size(); i++) {
          Engine e = engines.get(i);
          e.arrive(t);
          double[] step = e.step();
          target += step[0];
          busy[i] += step[1] / steps;
          e.causalJoules += (step[0] + IDLE_WATTS / engines.size()) * DT;
        }
        power += (target - power) * (1 - Math.exp(-DT / LAG_SECONDS));
        counter += power * DT;
      }
      Map<String, ServerReading> readings = new HashMap<>();
      Map<Long, Double> util = new HashMap<>();
      for (int i = 0; i < engines.size(); i++) {
        Engine e = engines.get(i);
        readings.put(e.name, e.reading(tick));
        util.put(e.pid, busy[i]);
        history
            .computeIfAbsent(e.name, n -> new ArrayList<>())
            .add(new double[] {tick, e.causalJoules, e.madePrompt + e.madeGenerated});
      }
      AccountingSnapshot snapshot =
          accountant.tick(
              tick,
              List.of(up(g0, tick, counter)),
              readings,
              Map.of(g0.uuid(), new ProcessUtilization(g0.uuid(), util)));
      for (ServerAccount account : snapshot.servers()) {
        accounts.put(account.name(), account);
        WindowStats w = account.window();
        if (tick % 10 == 0 && tick > 120 && Double.isFinite(w.joulesPerToken())) {
          double[] start = at(history.get(account.name()), w.startSeconds());
          double[] end = at(history.get(account.name()), w.endSeconds());
          if (start != null && end != null && end[2] > start[2]) {
            windows
                .computeIfAbsent(account.name(), n -> new ArrayList<>())
                .add(
                    new WindowSample(
                        w.joulesPerToken(),
                        w.uncertaintyAll(),
                        (end[1] - start[1]) / (end[2] - start[2])));
          }
        }
      }
    }
    Map<String, Engine> byName = new HashMap<>();
    engines.forEach(e -> byName.put(e.name, e));
    return new Result(windows, accounts, byName);
  }

  private static double[] at(List<double[]> history, double seconds) {
    for (double[] row : history) {
      if (Math.abs(row[0] - seconds) < 1e-6) {
        return row;
      }
    }
    return null;
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  /**
   * What the published bound claims: the truth lies inside it in at least 90% of windows, on every
   * server. It does because it counts the board's power lag and, on the shared GPU, how far SM
   * utilisation and token share disagree (which makes it wide there: the two proxies disagree).
   */
  @Test
  void theBoundCoversTheTruthInNinetyPercentOfWindows() {
    Report report = report();
    assertTrue(report.worstCoverage >= 0.90, "bound coverage below 90%:\n" + report.table);
  }

  /**
   * The errors, printed with the whole table. Not asserted: the prefill figure, which this physics
   * breaks (a linear fit moves the concave part of the batch curve into static power).
   */
  @Test
  void errorsStayWithinTheirThresholds() {
    Report report = report();
    System.out.print(report.table);
    assertTrue(report.aloneMedian <= 0.03, "median J/token error alone above 3%:\n" + report.table);
    assertTrue(report.aloneP90 <= 0.08, "p90 J/token error alone above 8%:\n" + report.table);
    assertTrue(
        Math.abs(report.decodeError) <= 0.05, "decode split off by more than 5%:\n" + report.table);
    assertTrue(
        report.worstAttribution <= 0.45,
        "shared-GPU attribution error above 45%:\n" + report.table);
  }

  private record Report(
      String table,
      double worstCoverage,
      double aloneMedian,
      double aloneP90,
      double decodeError,
      double worstAttribution) {}

  private static Report report() {
    Result alone =
        run(List.of(new Engine("alone", 11, 0.15, 12_000, 160, 40, 32, 0.5, true, 1)), 3600);
    Result shared =
        run(
            List.of(
                new Engine("small", 21, 0.05, 30_000, 60, 80, 32, 0.15, true, 2),
                new Engine("large", 22, 0.40, 6_000, 260, 25, 16, 0.6, false, 3)),
            3600);

    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-22s %8s %10s %10s %10s %10s%n",
            "J/token (all), window",
            "windows",
            "median err",
            "p90 err",
            "median bnd",
            "coverage"));
    double worstCoverage = 1;
    for (Result result : List.of(alone, shared)) {
      for (Map.Entry<String, List<WindowSample>> entry :
          new java.util.TreeMap<>(result.windows()).entrySet()) {
        List<WindowSample> samples = entry.getValue();
        List<Double> errors = samples.stream().map(WindowSample::error).toList();
        double coverage =
            samples.stream().filter(s -> s.error() <= s.bound()).count() / (double) samples.size();
        worstCoverage = Math.min(worstCoverage, coverage);
        table.append(
            String.format(
                Locale.ROOT,
                "%-22s %8d %9.2f%% %9.2f%% %9.2f%% %9.1f%%%n",
                entry.getKey(),
                samples.size(),
                100 * quantile(errors, 0.5),
                100 * quantile(errors, 0.9),
                100 * quantile(samples.stream().map(WindowSample::bound).toList(), 0.5),
                100 * coverage));
      }
    }
    Engine truth = alone.engines().get("alone");
    ServerAccount measured = alone.accounts().get("alone");
    double truePrefill = truth.prefillJoules / truth.computedPrompt;
    double trueDecode = truth.decodeJoules / truth.decodeTokens;
    table.append(
        String.format(
            Locale.ROOT,
            "split (alone, %s): prefill %.4f J/computed token (true %.4f, %+.1f%%), decode %.4f"
                + " J/token (true mean %.4f, %+.1f%%), static %.1f W (true %.1f)%n",
            measured.split().status(),
            measured.split().joulesPerPrefillToken(),
            truePrefill,
            100 * (measured.split().joulesPerPrefillToken() / truePrefill - 1),
            measured.split().joulesPerDecodeToken(),
            trueDecode,
            100 * (measured.split().joulesPerDecodeToken() / trueDecode - 1),
            measured.split().staticWatts(),
            IDLE_WATTS));
    double worstAttribution = 0;
    for (String name : List.of("small", "large")) {
      double t = shared.engines().get(name).causalJoules;
      ServerAccount a = shared.accounts().get(name);
      double error = a.energyJoulesTotal() / t - 1;
      worstAttribution = Math.max(worstAttribution, Math.abs(error));
      table.append(
          String.format(
              Locale.ROOT,
              "shared GPU, %-5s: attributed %.0f kJ (sm %.0f, tokens %.0f, idle %.0f), true %.0f kJ,"
                  + " %+.1f%%%n",
              name,
              a.energyJoulesTotal() / 1e3,
              a.attributed().joules(AttributionMethod.SM_UTILIZATION) / 1e3,
              a.attributed().joules(AttributionMethod.TOKEN_SHARE) / 1e3,
              a.attributed().joules(AttributionMethod.IDLE_EVEN) / 1e3,
              t / 1e3,
              100 * error));
    }
    List<Double> aloneErrors =
        alone.windows().get("alone").stream().map(WindowSample::error).toList();
    return new Report(
        table.toString(),
        worstCoverage,
        quantile(aloneErrors, 0.5),
        quantile(aloneErrors, 0.9),
        measured.split().joulesPerDecodeToken() / trueDecode - 1,
        worstAttribution);
  }
}
