package io.tokenjoule.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The agent's windows against the physical truth: each window's recorded energy over its span
 * (interpolated between lines) divided by the tokens physically generated in it, and whether the
 * agent's error bound held that truth.
 */
final class ReplayVerdict {

  /** One measured window: the agent's figure, the truth, and their relative deviation. */
  record Judged(WindowFigure figure, double truth, double deviation, boolean covered) {}

  private final List<Judged> judged = new ArrayList<>();
  private int unmeasuredWithTokens;

  /**
   * @param energy the recording whose energy counter is the truth's numerator
   * @param tokens the physically generated tokens, the truth's denominator
   * @param minimumTokens windows whose truth has fewer tokens than this are idle, not judged
   */
  ReplayVerdict(
      Recording energy, PhysicalTokens tokens, List<WindowFigure> figures, double minimumTokens) {
    this(energy::energyJoulesAt, tokens::at, figures, minimumTokens);
  }

  /**
   * @param energyAt the truth's energy counter at an instant (J)
   * @param tokensAt the truth's generated tokens at an instant
   * @param minimumTokens windows whose truth has fewer tokens than this are idle, not judged
   */
  ReplayVerdict(
      DoubleUnaryOperator energyAt,
      DoubleUnaryOperator tokensAt,
      List<WindowFigure> figures,
      double minimumTokens) {
    for (WindowFigure figure : figures) {
      if (!(figure.lengthSeconds() > 0)) {
        continue;
      }
      double generated =
          tokensAt.applyAsDouble(figure.endSeconds())
              - tokensAt.applyAsDouble(figure.startSeconds());
      if (generated < minimumTokens) {
        continue;
      }
      if (!figure.measured()) {
        unmeasuredWithTokens++;
        continue;
      }
      double joules =
          energyAt.applyAsDouble(figure.endSeconds())
              - energyAt.applyAsDouble(figure.startSeconds());
      double truth = joules / generated;
      double deviation = figure.joulesPerGeneratedToken() / truth - 1;
      judged.add(new Judged(figure, truth, deviation, Math.abs(deviation) <= figure.uncertainty()));
    }
  }

  List<Judged> judged() {
    return judged;
  }

  int covered() {
    return (int) judged.stream().filter(Judged::covered).count();
  }

  double coverage() {
    return judged.isEmpty() ? Double.NaN : (double) covered() / judged.size();
  }

  /** Windows where the truth had tokens but the agent published no figure. */
  int unmeasuredWithTokens() {
    return unmeasuredWithTokens;
  }

  /** The {@code q}-quantile (nearest rank) of |deviation|. */
  double absoluteDeviationQuantile(double q) {
    double[] sorted = judged.stream().mapToDouble(j -> Math.abs(j.deviation())).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double maxAbsoluteDeviation() {
    return Arrays.stream(judged.stream().mapToDouble(j -> Math.abs(j.deviation())).toArray())
        .max()
        .orElse(Double.NaN);
  }

  /** {@code coverage C/N windows, median |dev| X%, p90 Y%, max Z%}. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "coverage %d/%d windows, median |dev| %.2f%%, p90 %.2f%%, max %.2f%%",
        covered(),
        judged.size(),
        100 * absoluteDeviationQuantile(0.5),
        100 * absoluteDeviationQuantile(0.9),
        100 * maxAbsoluteDeviation());
  }
}
