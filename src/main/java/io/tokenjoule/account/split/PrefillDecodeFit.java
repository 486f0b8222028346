package io.tokenjoule.account.split;

/**
 * Splits one server's energy into prefill, decode and static power by fitting, over its recent
 * intervals, {@code E = a × prompt tokens + b × generated tokens + c × seconds}: {@code a} is J per
 * prefill token, {@code b} J per decode token and {@code c} static power in W.
 *
 * <p><b>The fit.</b> Each interval is normalised per second, {@code E/T = a × prompt/T + b ×
 * generated/T + c}, and weighted by its duration {@code T}, so a second counts once however the
 * intervals are cut: a 30 s interval after a scrape gap weighs 30 one-second intervals, not 900 as
 * it would with raw totals (where its squared error grows with {@code T²}). The model is additive
 * in time, so such an interval still agrees with the truth; it only carries less detail. Rates are
 * in thousands of tokens per second so that the three columns have comparable sizes.
 *
 * <p>Weighted least squares with exponential forgetting, which is what recursive least squares with
 * a forgetting factor computes, kept in square-root information form (a QR factor of the weighted
 * design, updated by Givens rotations): the numerically stable way to run RLS. There is no
 * covariance matrix to lose symmetry or to wind up while nothing new arrives: forgetting scales
 * every direction of the factor alike, which leaves the solution and its conditioning unchanged.
 * Only new, uninformative intervals erode what the fit knows, and that stops publication: one mix
 * at one load makes the columns collinear (the {@linkplain SplitEstimate#conditionNumber()
 * condition number} grows), and idle intervals inform only the static power (the {@linkplain
 * SplitEstimate#effectiveSamples() effective samples}, intervals with tokens, fall). Entries that
 * fade below 1e-150 are flushed to 0 rather than left to go subnormal. Forgetting for an interval
 * of {@code T} seconds is {@code exp(-T / horizon)}, so the memory is the same in seconds whatever
 * the scrape interval.
 *
 * <p><b>Outliers.</b> Once the fit is published, an interval whose residual exceeds {@link
 * FitSettings#outlierThreshold()} residual standard deviations (scaled to its length) is
 * down-weighted as Huber's M-estimator does, so one bad interval moves the fit by a bounded amount
 * however bad it is. The residual scale is the fit's own, so when the server really changes, the
 * scale grows until the new intervals count fully again (in about a quarter of the horizon with k =
 * 3) and the fit follows.
 *
 * <p><b>Publication.</b> See {@link FitSettings} and {@link SplitStatus}: enough recent intervals
 * with tokens, a bounded condition number of the equilibrated information matrix (the mix and the
 * load both varied), all three coefficients within a relative standard error, and all three
 * non-negative. Otherwise the figures are NaN.
 *
 * <p>Not thread-safe: one instance per server, fed in interval order from one thread.
 */
public final class PrefillDecodeFit {

  private static final double TOKENS_PER_UNIT = 1000;

  /** Entries of the factor below this are flushed to 0, so long idle spells never go subnormal. */
  private static final double NEGLIGIBLE = 1e-150;

  /**
   * The residual scale never falls below this fraction of the predicted power, so a perfect fit
   * (simulated, noise-free) cannot reject every later interval as an outlier.
   */
  private static final double MIN_RELATIVE_RESIDUAL = 1e-6;

  private final FitSettings settings;

  /**
   * Upper-triangular square-root information factor of the weighted, forgotten rows {@code √w × [1,
   * prompt rate, generated rate | watts]}: columns 0..2 hold R with {@code RᵀR = Σ w x xᵀ}, column
   * 3 holds z with {@code R θ = z}. The constant comes first, so the weighted total sum of squares
   * about the mean is {@code z₁² + z₂² + residualSquares}.
   */
  private final double[][] factor = new double[3][4];

  private final double[] row = new double[4];

  // An interval of T seconds weighs w = f T in the fit, where f is its forgetting factor times its
  // outlier weight: T is a precision weight (the mean power over T seconds is T times as precise
  // as over one), f is not, and the standard errors need the two apart.

  /** Weighted residual sum of squares of the fit, Σ w r² (W² s). */
  private double residualSquares;

  /** Σ w (s). */
  private double weightSum;

  /** Σ f, the intervals, each counting its forgetting and outlier weight. */
  private double intervalSum;

  /** Σ f², for the effective number of intervals {@code (Σf)² / Σf²}. */
  private double intervalSquareSum;

  /** Σ f w (s), for the standard errors' sandwich. */
  private double forgettingWeightSum;

  /**
   * The forgotten, down-weighted intervals in which tokens were counted, each counting 1: the
   * samples that inform J per token. Idle intervals inform only the static power, and a ratio such
   * as {@code (Σw)² / Σw²} would not fall during an idle spell; this count does.
   */
  private double tokenIntervalSum;

  private SplitEstimate cached;

  public PrefillDecodeFit(FitSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("a split fit needs settings");
    }
    this.settings = settings;
  }

  public FitSettings settings() {
    return settings;
  }

  /**
   * Adds the next interval.
   *
   * @param seconds its duration, {@code > 0} (s)
   * @param promptTokens prompt tokens counted over it, {@code >= 0}
   * @param generatedTokens generated tokens counted over it, {@code >= 0}
   * @param energyJoules energy of the server's GPUs over it (J)
   * @return false, and nothing changes, when a value is out of range or not finite
   */
  public boolean add(
      double seconds, double promptTokens, double generatedTokens, double energyJoules) {
    if (!(seconds > 0 && seconds < Double.POSITIVE_INFINITY)
        || !(promptTokens >= 0 && promptTokens < Double.POSITIVE_INFINITY)
        || !(generatedTokens >= 0 && generatedTokens < Double.POSITIVE_INFINITY)
        || !Double.isFinite(energyJoules)) {
      return false;
    }
    double downWeight = outlierWeight(seconds, promptTokens, generatedTokens, energyJoules);
    forget(Math.exp(-seconds / settings.horizonSeconds()));
    double weight = seconds * downWeight;
    weightSum += weight;
    intervalSum += downWeight;
    intervalSquareSum += downWeight * downWeight;
    forgettingWeightSum += downWeight * weight;
    tokenIntervalSum += promptTokens + generatedTokens > 0 ? downWeight : 0;
    double root = Math.sqrt(weight);
    double perUnit = root / seconds;
    row[0] = root;
    row[1] = perUnit * promptTokens / TOKENS_PER_UNIT;
    row[2] = perUnit * generatedTokens / TOKENS_PER_UNIT;
    row[3] = perUnit * energyJoules;
    rotateIn();
    cached = null;
    return true;
  }

  /** The split as fitted now; computed once per {@link #add}, so cheap to call every tick. */
  public SplitEstimate estimate() {
    if (cached == null) {
      cached = solve();
    }
    return cached;
  }

  /** Huber's weight for an interval, from its residual against the published fit; else 1. */
  private double outlierWeight(double seconds, double prompt, double generated, double energy) {
    SplitEstimate fit = estimate();
    if (!fit.wellConditioned() || settings.outlierThreshold() == Double.POSITIVE_INFINITY) {
      return 1;
    }
    double predictedWatts =
        fit.staticWatts()
            + (fit.joulesPerPrefillToken() * prompt + fit.joulesPerDecodeToken() * generated)
                / seconds;
    // An interval weighs its length, so RSS / intervals estimates σ², the variance of the power
    // residual of one second; the mean power over T seconds has a residual variance of σ² / T.
    double scale =
        Math.max(
            Math.sqrt(residualSquares / intervalSum / seconds),
            MIN_RELATIVE_RESIDUAL * Math.abs(predictedWatts));
    double deviations = Math.abs(energy / seconds - predictedWatts) / scale;
    return deviations > settings.outlierThreshold() ? settings.outlierThreshold() / deviations : 1;
  }

  private void forget(double keep) {
    double root = Math.sqrt(keep);
    for (int i = 0; i < 3; i++) {
      double[] r = factor[i];
      for (int j = i; j < 4; j++) {
        double v = r[j] * root;
        r[j] = Math.abs(v) < NEGLIGIBLE ? 0 : v;
      }
    }
    residualSquares *= keep;
    weightSum *= keep;
    intervalSum *= keep;
    intervalSquareSum *= keep * keep;
    forgettingWeightSum *= keep * keep;
    tokenIntervalSum *= keep;
  }

  /** Rotates {@link #row} into the factor, one Givens rotation per column. */
  private void rotateIn() {
    for (int i = 0; i < 3; i++) {
      double incoming = row[i];
      if (incoming == 0) {
        continue;
      }
      double[] r = factor[i];
      double norm = Math.sqrt(r[i] * r[i] + incoming * incoming);
      double cos = r[i] / norm;
      double sin = incoming / norm;
      r[i] = norm;
      for (int j = i + 1; j < 4; j++) {
        double kept = r[j];
        r[j] = cos * kept + sin * row[j];
        row[j] = cos * row[j] - sin * kept;
      }
    }
    residualSquares += row[3] * row[3];
  }

  private SplitEstimate solve() {
    double samples = tokenIntervalSum;
    double[] r0 = factor[0];
    double[] r1 = factor[1];
    double[] r2 = factor[2];
    double condition =
        ConditionNumber.ofEquilibrated(
            r0[0] * r0[0],
            r0[0] * r0[1],
            r0[0] * r0[2],
            r0[1] * r0[1] + r1[1] * r1[1],
            r0[1] * r0[2] + r1[1] * r1[2],
            r0[2] * r0[2] + r1[2] * r1[2] + r2[2] * r2[2]);
    double intervals = intervalSum * intervalSum / intervalSquareSum;
    if (!(samples >= settings.minEffectiveSamples() && intervals > 3)) {
      return SplitEstimate.unpublished(SplitStatus.TOO_FEW_SAMPLES, condition, samples);
    }
    if (!(condition <= settings.maxConditionNumber())) {
      return SplitEstimate.unpublished(SplitStatus.NO_VARIETY, condition, samples);
    }
    double decode = r2[3] / r2[2];
    double prefill = (r1[3] - r1[2] * decode) / r1[1];
    double staticWatts = (r0[3] - r0[1] * prefill - r0[2] * decode) / r0[0];
    // σ² = RSS / Σf × n/(n − 3) is one second's residual variance, n the effective intervals; as
    // f is no precision weight, Var(θ) = M⁻¹ (Σ f w x xᵀ) M⁻¹ σ² ≈ σ² Σfw / Σw × M⁻¹ when the
    // regressors are alike through the horizon. It is exact weighted least squares when f = 1.
    // The diagonal of M⁻¹ = R⁻¹R⁻ᵀ is the squared row norms of R⁻¹.
    double variance =
        residualSquares
            / intervalSum
            * intervals
            / (intervals - 3)
            * forgettingWeightSum
            / weightSum;
    double inverse00 = 1 / r0[0];
    double inverse11 = 1 / r1[1];
    double inverse22 = 1 / r2[2];
    double inverse12 = -r1[2] * inverse11 * inverse22;
    double inverse01 = -r0[1] * inverse11 * inverse00;
    double inverse02 = -(r0[1] * inverse12 + r0[2] * inverse22) * inverse00;
    double staticError =
        Math.sqrt(
            variance * (inverse00 * inverse00 + inverse01 * inverse01 + inverse02 * inverse02));
    double prefillError = Math.sqrt(variance * (inverse11 * inverse11 + inverse12 * inverse12));
    double decodeError = Math.sqrt(variance) * inverse22;
    if (!(Double.isFinite(staticWatts) && Double.isFinite(staticError))) {
      return SplitEstimate.unpublished(SplitStatus.NO_VARIETY, condition, samples);
    }
    double limit = settings.maxRelativeStandardError();
    if (!(prefillError <= limit * Math.abs(prefill)
        && decodeError <= limit * Math.abs(decode)
        && staticError <= limit * Math.abs(staticWatts))) {
      return SplitEstimate.unpublished(SplitStatus.TOO_UNCERTAIN, condition, samples);
    }
    if (prefill < 0 || decode < 0 || staticWatts < 0) {
      return SplitEstimate.unpublished(SplitStatus.IMPLAUSIBLE, condition, samples);
    }
    double explained = r1[3] * r1[3] + r2[3] * r2[3];
    double total = explained + residualSquares;
    return new SplitEstimate(
        prefill / TOKENS_PER_UNIT,
        decode / TOKENS_PER_UNIT,
        staticWatts,
        total > 0 ? explained / total : 1,
        prefillError / TOKENS_PER_UNIT,
        decodeError / TOKENS_PER_UNIT,
        staticError,
        SplitStatus.PUBLISHED,
        condition,
        samples);
  }
}
