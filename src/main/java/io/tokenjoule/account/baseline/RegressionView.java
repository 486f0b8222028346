package io.tokenjoule.account.baseline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A window compared with the baseline learned at the same load.
 *
 * @param bucket the window's load bucket; empty when the window has no mean concurrency
 * @param concurrency the window's mean concurrency (requests), NaN if unknown
 * @param joulesPerGeneratedToken the window's J per generated token, NaN if none were generated
 * @param expectedJoulesPerGeneratedToken the baseline at this concurrency, NaN when there is none
 * @param expectedFrom how the expected value was found
 * @param ratio current / expected J per generated token, NaN when either is unknown
 * @param learnedBuckets every bucket with a baseline, in bucket order
 */
public record RegressionView(
    Optional<LoadBucket> bucket,
    double concurrency,
    double joulesPerGeneratedToken,
    double expectedJoulesPerGeneratedToken,
    ExpectedFrom expectedFrom,
    double ratio,
    List<BucketBaseline> learnedBuckets) {

  public RegressionView {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(expectedFrom, "expectedFrom");
    learnedBuckets = List.copyOf(learnedBuckets);
  }
}
