package io.tokenjoule.account.baseline;

import java.util.List;

/**
 * The baseline J/token at a given concurrency, from the reference points of learned buckets.
 *
 * <p>J/token falls with concurrency mostly because static power is shared by more requests, so it
 * varies a lot even within one log2 bucket. Between two learned reference points that bracket the
 * concurrency, the curve is taken as a straight line in log(J/token) against log(concurrency): a
 * power law locally, which needs no guess of the server's static power and holds across GPUs and
 * models. Only buckets next to the current one take part (within one index), so a line is never
 * drawn across a range the server has not been seen at; outside the points' span nothing is
 * extrapolated and the current bucket's own baseline stands.
 */
final class LoadCurve {

  private LoadCurve() {}

  record Expected(double joulesPerGeneratedToken, ExpectedFrom from) {
    static final Expected NONE = new Expected(Double.NaN, ExpectedFrom.NONE);
  }

  /**
   * @param concurrency the current mean concurrency, {@code >= 0}
   * @param bucket its bucket
   * @param learned the learned buckets, each at most once
   */
  static Expected at(double concurrency, LoadBucket bucket, List<BucketBaseline> learned) {
    BucketBaseline own = null;
    BucketBaseline below = null;
    BucketBaseline above = null;
    for (BucketBaseline candidate : learned) {
      int distance = candidate.bucket().index() - bucket.index();
      if (Math.abs(distance) > 1) {
        continue;
      }
      if (distance == 0) {
        own = candidate;
      }
      double reference = candidate.referenceConcurrency();
      if (reference <= concurrency && (below == null || reference > below.referenceConcurrency())) {
        below = candidate;
      }
      if (reference >= concurrency && (above == null || reference < above.referenceConcurrency())) {
        above = candidate;
      }
    }
    if (below != null && above != null) {
      if (below == above) {
        // Exactly at a reference point, which lies in the current bucket's range.
        return new Expected(below.joulesPerGeneratedToken(), ExpectedFrom.CURRENT_BUCKET);
      }
      if (below.referenceConcurrency() > 0) {
        double t =
            Math.log(concurrency / below.referenceConcurrency())
                / Math.log(above.referenceConcurrency() / below.referenceConcurrency());
        double joules =
            below.joulesPerGeneratedToken()
                * Math.pow(above.joulesPerGeneratedToken() / below.joulesPerGeneratedToken(), t);
        return new Expected(joules, ExpectedFrom.INTERPOLATED);
      }
    }
    return own == null
        ? Expected.NONE
        : new Expected(own.joulesPerGeneratedToken(), ExpectedFrom.CURRENT_BUCKET);
  }
}
