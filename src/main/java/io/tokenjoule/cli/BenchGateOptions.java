package io.tokenjoule.cli;

import io.tokenjoule.energybench.BenchPlan;
import io.tokenjoule.energybench.BenchResult;
import io.tokenjoule.energybench.ErrorKind;
import io.tokenjoule.energybench.LevelResult;
import io.tokenjoule.energybench.RegressionGate;
import io.tokenjoule.energybench.RequestOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench} as a CI gate: the failed requests a level may have, and the energy regression
 * allowed over a baseline result measured on the same workload and concurrency.
 */
final class BenchGateOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--baseline",
      paramLabel = "RESULT.json",
      description = "Compare with an earlier result at the same workload and concurrency.")
  Path baseline;

  @Option(
      names = "--max-regression",
      paramLabel = "PERCENT",
      description = "Allowed rise in J/generated token over --baseline (default: 5%%).")
  String maxRegression;

  @Option(
      names = "--max-error-rate",
      paramLabel = "PERCENT",
      defaultValue = "5%",
      description = "Failed requests allowed per level before the run fails (default: 5%%).")
  String maxErrorRate;

  /** Validates the options; call before anything is sent. */
  void validate() {
    CliArguments.percent(spec, "--max-error-rate", maxErrorRate);
    if (baseline == null && maxRegression != null) {
      throw new ParameterException(spec.commandLine(), "--max-regression needs --baseline");
    }
    if (baseline != null) {
      CliArguments.percent(spec, "--max-regression", maxRegression == null ? "5%" : maxRegression);
    }
  }

  /** Why the baseline cannot judge this plan (another workload or concurrency), if it cannot. */
  Optional<RegressionGate.Verdict> refusal(BenchPlan plan) {
    return baseline == null
        ? Optional.empty()
        : RegressionGate.refusal(plan.workloadKey(), plan.concurrencies(), baseline);
  }

  /**
   * Reports each level's failed requests by kind and why the result is invalid if it is, and judges
   * a valid result against the baseline; an invalid one is never compared.
   *
   * @return the exit code: 0 done and within budget, 1 energy regression, 2 too many errors or an
   *     invalid result
   */
  int judge(BenchResult result, PrintWriter stdout, PrintWriter err) {
    double errorBudget = CliArguments.percent(spec, "--max-error-rate", maxErrorRate);
    boolean tooManyErrors = false;
    for (LevelResult level : result.levels()) {
      reportErrors(err, level);
      if (level.errorRate() > errorBudget) {
        err.printf(
            Locale.ROOT,
            "tokenjoule bench: concurrency %d: %d of %d requests failed (%.1f%%), over"
                + " --max-error-rate %s%n",
            level.concurrency(),
            level.failed(),
            level.outcomes().size(),
            100 * level.errorRate(),
            maxErrorRate);
        tooManyErrors = true;
      }
    }
    if (!result.valid()) {
      err.println("tokenjoule bench: the result is invalid, not a measurement:");
      result.problems().forEach(problem -> err.println("tokenjoule bench:   " + problem));
    }
    err.flush();
    if (tooManyErrors || !result.valid()) {
      return BenchCommand.EXIT_FAILED;
    }
    if (baseline == null) {
      return 0;
    }
    RegressionGate gate =
        new RegressionGate(
            CliArguments.percent(
                spec, "--max-regression", maxRegression == null ? "5%" : maxRegression));
    RegressionGate.Verdict verdict = gate.judge(result, baseline);
    PrintWriter verdictOut = verdict.exitCode() == RegressionGate.Verdict.PASS ? stdout : err;
    verdict.lines().forEach(line -> verdictOut.println("tokenjoule bench: " + line));
    verdictOut.flush();
    return verdict.exitCode();
  }

  private static void reportErrors(PrintWriter err, LevelResult level) {
    Set<ErrorKind> shown = EnumSet.noneOf(ErrorKind.class);
    for (RequestOutcome outcome : level.outcomes()) {
      if (!outcome.succeeded() && shown.add(outcome.error())) {
        err.println(
            "tokenjoule bench: concurrency "
                + level.concurrency()
                + ": "
                + level.errors().get(outcome.error())
                + " x "
                + outcome.error().label()
                + ", first: "
                + outcome.errorDetail());
      }
    }
  }
}
