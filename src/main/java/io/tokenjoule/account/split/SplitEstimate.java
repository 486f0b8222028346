package io.tokenjoule.account.split;

/**
 * A server's energy split into prefill, decode and static power, as fitted over the recent past:
 * {@code E = joulesPerPrefillToken × prompt tokens + joulesPerDecodeToken × generated tokens +
 * staticWatts × seconds}. Every figure is NaN unless {@link #status()} is {@link
 * SplitStatus#PUBLISHED}; the two diagnostics are given whenever they can be computed.
 *
 * @param joulesPerPrefillToken J per prompt token (J)
 * @param joulesPerDecodeToken J per generated token (J)
 * @param staticWatts power drawn whatever the tokens, idle included (W)
 * @param rSquared share of the variance of the interval power (W) the fit explains, duration- and
 *     forgetting-weighted, 0 to 1
 * @param prefillStandardError standard error of {@code joulesPerPrefillToken} (J); approximate, as
 *     if the intervals' errors were independent
 * @param decodeStandardError standard error of {@code joulesPerDecodeToken} (J), likewise
 * @param staticStandardError standard error of {@code staticWatts} (W), likewise
 * @param status published, or why not
 * @param conditionNumber condition number of the column-equilibrated information matrix, {@code >=
 *     1}; +Infinity when singular, NaN before any interval
 * @param effectiveSamples intervals in which tokens were counted, each weighted by {@code exp(-age
 *     / horizon)} (its age being the seconds of the intervals added after it) and by its outlier
 *     weight: the recent samples that inform J per token, as idle ones inform only the static
 *     power; 0 before any
 */
public record SplitEstimate(
    double joulesPerPrefillToken,
    double joulesPerDecodeToken,
    double staticWatts,
    double rSquared,
    double prefillStandardError,
    double decodeStandardError,
    double staticStandardError,
    SplitStatus status,
    double conditionNumber,
    double effectiveSamples) {

  public SplitEstimate {
    if (status == null) {
      throw new IllegalArgumentException("a split estimate needs a status");
    }
    if (status != SplitStatus.PUBLISHED
        && !(Double.isNaN(joulesPerPrefillToken)
            && Double.isNaN(joulesPerDecodeToken)
            && Double.isNaN(staticWatts)
            && Double.isNaN(rSquared)
            && Double.isNaN(prefillStandardError)
            && Double.isNaN(decodeStandardError)
            && Double.isNaN(staticStandardError))) {
      throw new IllegalArgumentException("an estimate that is not published has NaN figures");
    }
  }

  /** Before any interval: nothing fitted. */
  public static final SplitEstimate NOT_FITTED =
      unpublished(SplitStatus.TOO_FEW_SAMPLES, Double.NaN, 0);

  /** An estimate that publishes nothing, for {@code status}. */
  static SplitEstimate unpublished(
      SplitStatus status, double conditionNumber, double effectiveSamples) {
    if (status == SplitStatus.PUBLISHED) {
      throw new IllegalArgumentException("an unpublished estimate needs a reason");
    }
    return new SplitEstimate(
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        status,
        conditionNumber,
        effectiveSamples);
  }

  /** Whether the figures are published: enough data, enough variety, precise and plausible. */
  public boolean wellConditioned() {
    return status == SplitStatus.PUBLISHED;
  }
}
