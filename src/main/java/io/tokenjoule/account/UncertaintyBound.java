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
 * <p>Power lag of a run, in joules: {@code τ × |P_end − P_start|}, with {@code P} the server's
 * power at each end anchor and {@code τ} = {@value #POWER_LAG_SECONDS} s. A board's draw follows
 * its work late (power management, clock and voltage changes, the thermal settling of its rails);
 * for a first-order lag of time constant τ the energy the counter holds at an instant trails the
 * energy the work caused by τ × the power it still has to rise (or fall) by, so a run whose power
 * differs at its two ends is off by up to τ × the difference. The time constant is an assumption,
 * not a measurement of the board: a board that settles slower is under-covered.
 *
 * <p>Attribution of a run, in joules, on a GPU shared with other servers: what another plausible
 * split would have charged differently over the run, tick by tick ({@link ShareRule#alternative}):
 * SM utilisation against token share, token share against an even split. Neither proxy is the truth
 * (SM time is not power, tokens of different models do not cost alike), so where they disagree the
 * bound says so.
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

  /** The first-order time constant taken for a board's power to follow its load (s). */
  static final double POWER_LAG_SECONDS = 2.0;

  private double energyErrorJoules;
  private double attributionErrorJoules;
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
    double spread = end.attributionSpreadJoules() - start.attributionSpreadJoules();
    energyErrorJoules += spread;
    attributionErrorJoules += spread;
    double powerChange = Math.abs(end.powerWatts() - start.powerWatts());
    if (Double.isFinite(powerChange)) {
      energyErrorJoules += POWER_LAG_SECONDS * powerChange;
    }
    double resolution = start.tokenResolution() + end.tokenResolution();
    generatedErrorTokens += resolution + Math.max(start.generatedLag(), end.generatedLag());
    allErrorTokens += resolution + Math.max(start.allLag(), end.allLag());
  }

  /** The relative error bound of {@code energyJoules / generatedTokens}; NaN if either is 0. */
  double relativeToGenerated(double energyJoules, double generatedTokens) {
    return relative(energyJoules, generatedTokens, generatedErrorTokens);
  }

  /** The part of either bound that comes from splitting shared GPUs; NaN if the energy is 0. */
  double relativeAttribution(double energyJoules) {
    return energyJoules == 0 ? Double.NaN : attributionErrorJoules / energyJoules;
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
