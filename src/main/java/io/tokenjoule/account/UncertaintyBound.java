package io.tokenjoule.account;

/**
 * The relative error bound of a window's J/token, built run by run.
 *
 * <p>A window is a list of intervals; a <em>run</em> is a stretch of them where each starts at the
 * anchor where the previous one ended. Within a run the sums telescope: energy and tokens are
 * differences of counters read at the run's two end anchors only, so read errors at interior
 * anchors cancel and only each run's two ends count.
 *
 * <p>Energy error of a run, in joules: {@code P × (u + m_start + m_end)}, where {@code P} is the
 * run's energy over its duration (W), {@code u} the largest energy update period of its GPUs at its
 * two ends (s; a counter read is up to {@code u} stale, so the difference of two stale reads is off
 * by at most {@code u × P}), and {@code m} the misalignment at an end (s): the largest, over the
 * server's GPUs, of |t_gpu − t_server| + the server reading's time uncertainty + that GPU's time
 * uncertainty. Energy spent during a misalignment is attributed to the wrong side of the boundary,
 * at most {@code m × P}.
 *
 * <p>Token error of a run, in tokens: the engine's token resolution at its start plus at its end
 * (how far a counter may lag the truth at an instant, by the engine's own account), plus the lag
 * learnt from the counter's increments ({@link CounterLag}), the larger of the two ends' (the count
 * is off by the lag at its start minus the lag at its end, both between 0 and a lump). The
 * generated tokens and all tokens each have their own lag.
 *
 * <p>Relative bound = Σ energy errors / window energy + Σ token errors / window tokens, the first
 * order bound of a ratio's relative error. NaN when either denominator is 0. Not thread-safe.
 */
final class UncertaintyBound {

  private double energyErrorJoules;
  private double generatedErrorTokens;
  private double allErrorTokens;

  /**
   * Adds one run.
   *
   * @param start the anchor the run starts at
   * @param end the anchor the run ends at, later than {@code start}
   * @param energyJoules the run's energy
   */
  void addRun(Anchor start, Anchor end, double energyJoules) {
    double powerWatts = energyJoules / (end.timestampSeconds() - start.timestampSeconds());
    double stalenessSeconds = Math.max(start.updatePeriodSeconds(), end.updatePeriodSeconds());
    energyErrorJoules +=
        powerWatts * (stalenessSeconds + start.misalignmentSeconds() + end.misalignmentSeconds());
    double resolution = start.tokenResolution() + end.tokenResolution();
    generatedErrorTokens += resolution + Math.max(start.generatedLag(), end.generatedLag());
    allErrorTokens += resolution + Math.max(start.allLag(), end.allLag());
  }

  /** The relative error bound of {@code energyJoules / generatedTokens}; NaN if either is 0. */
  double relativeToGenerated(double energyJoules, double generatedTokens) {
    return relative(energyJoules, generatedTokens, generatedErrorTokens);
  }

  /** The relative error bound of {@code energyJoules / allTokens}; NaN if either is 0. */
  double relativeToAll(double energyJoules, double allTokens) {
    return relative(energyJoules, allTokens, allErrorTokens);
  }

  private double relative(double energyJoules, double tokens, double tokenError) {
    if (energyJoules == 0 || tokens == 0) {
      return Double.NaN;
    }
    return energyErrorJoules / energyJoules + tokenError / tokens;
  }
}
