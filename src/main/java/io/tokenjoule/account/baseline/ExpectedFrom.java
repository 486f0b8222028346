package io.tokenjoule.account.baseline;

/** Where a {@link RegressionView}'s expected J/token comes from. */
public enum ExpectedFrom {
  /**
   * Interpolated in log(J/token) against log(concurrency) between the reference points of two
   * learned buckets that bracket the current concurrency, both within one bucket of the current
   * one.
   */
  INTERPOLATED,
  /** The current bucket's own baseline: no learned neighbour brackets the current concurrency. */
  CURRENT_BUCKET,
  /** No baseline at this load (or the window has no concurrency): nothing to compare with. */
  NONE
}
