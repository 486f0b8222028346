package io.tokenjoule.cli;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.energybench.BenchFailure;
import io.tokenjoule.energybench.BenchPlan;
import io.tokenjoule.energybench.BenchResult;
import io.tokenjoule.energybench.BenchRunner;
import io.tokenjoule.energybench.ChartWriter;
import io.tokenjoule.energybench.EnergyMeter;
import io.tokenjoule.energybench.EnergyTimeline;
import io.tokenjoule.energybench.ProgressReporter;
import io.tokenjoule.energybench.RegressionGate;
import io.tokenjoule.energybench.ResultJson;
import io.tokenjoule.energybench.SummaryMarkdown;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule bench}: drives an OpenAI-compatible endpoint with streaming requests while
 * reading GPU energy, and reports joules per token over the steady state; with {@code --baseline}
 * it is a CI gate on energy regressions.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Energy benchmark of an OpenAI-compatible endpoint: J per token over the",
      "steady state (target concurrency reached .. last request started), tokens/s",
      "per watt, TTFT/ITL/E2E percentiles. Energy from local GPUs (NVML, --gpus) or",
      "a tokenjoule agent on the server's host (--agent URL).",
      "Every energy figure carries its uncertainty (sample spacing, counter updates).",
      "Exit codes: 0 done (and within --max-regression of --baseline),",
      "1 energy regression, 2 failed run: bad input, no energy source, too many",
      "errors, a run too short to measure or otherwise invalid, or a baseline that",
      "cannot be compared (another workload or concurrency, invalid, or less",
      "certain than --max-regression)."
    })
final class BenchCommand implements Callable<Integer> {

  static final int EXIT_REGRESSION = RegressionGate.Verdict.REGRESSION;
  static final int EXIT_FAILED = 2;

  @Spec CommandSpec spec;

  @Mixin BenchWorkloadOptions workload;

  @Mixin BenchEnergyOptions energy;

  @Mixin BenchGateOptions gate;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write result.json, summary.md, chart.png (and sweep.png) here.")
  Path out;

  @Option(
      names = "--log-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "Progress log period when not on a terminal (default: ${DEFAULT-VALUE}).")
  String logInterval;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    BenchPlan plan = workload.plan(energy::samplePeriodSeconds);
    gate.validate();
    Optional<RegressionGate.Verdict> refusal = gate.refusal(plan);
    if (refusal.isPresent()) {
      refusal.get().lines().forEach(line -> err.println("tokenjoule bench: " + line));
      err.flush();
      return EXIT_FAILED;
    }
    Vertx vertx = Vertx.vertx();
    BenchResult result;
    try (EnergyMeter meter = energy.meter(vertx, err)) {
      if (meter == null) {
        return EXIT_FAILED;
      }
      EnergyTimeline timeline =
          new EnergyTimeline(plan.samplePeriodSeconds(), meter.stalenessSeconds());
      double logSeconds = CliArguments.seconds(spec, "--log-interval", logInterval);
      try (ProgressReporter progress =
          new ProgressReporter(
              err, System.console() != null, MonotonicClock.SYSTEM, timeline, logSeconds)) {
        result = new BenchRunner(vertx, MonotonicClock.SYSTEM, meter, progress).run(plan, timeline);
      } catch (BenchFailure e) {
        return fail(err, e.getMessage());
      }
    } finally {
      vertx.close();
    }
    String summary = SummaryMarkdown.render(result);
    if (out != null) {
      write(result, summary);
    }
    stdout.print(summary);
    stdout.flush();
    if (result.connectionReuse() != null) {
      err.println("tokenjoule bench: " + result.connectionReuse());
    }
    return gate.judge(result, stdout, err);
  }

  private void write(BenchResult result, String summary) throws IOException {
    Files.createDirectories(out);
    ResultJson.write(result, out.resolve("result.json"));
    Files.writeString(out.resolve("summary.md"), summary);
    ChartWriter.writeTimeline(result, out.resolve("chart.png"));
    if (result.levels().size() > 1) {
      ChartWriter.writeSweep(result, out.resolve("sweep.png"));
    }
  }

  static int fail(PrintWriter err, String message) {
    err.println("tokenjoule bench: " + message);
    err.flush();
    return EXIT_FAILED;
  }
}
