package io.tokenjoule.account.baseline;

/**
 * A range of load, in mean concurrent requests, on a log2 scale: {@code 0-1}, {@code 1-2}, {@code
 * 2-4}, {@code 4-8}, ... Each range holds its lower bound and excludes its upper bound, so a mean
 * of exactly 2 requests lies in {@code 2-4}. Index 0 is {@code [0, 1)}; index {@code k >= 1} is
 * {@code [2^(k-1), 2^k)}. The top index, {@value #MAX_INDEX}, has no upper bound and holds every
 * load at or above its lower bound, so an absurd gauge value still lands somewhere.
 *
 * @param index the bucket's position on the scale, {@code 0 <= index <= MAX_INDEX}
 */
public record LoadBucket(int index) implements Comparable<LoadBucket> {

  /** The highest bucket; its range is open-ended. */
  public static final int MAX_INDEX = 40;

  public LoadBucket {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException(
          "a load bucket index lies in [0, " + MAX_INDEX + "], got " + index);
    }
  }

  /**
   * The bucket holding {@code meanConcurrency}.
   *
   * @throws IllegalArgumentException when it is NaN or negative
   */
  public static LoadBucket of(double meanConcurrency) {
    if (!(meanConcurrency >= 0)) {
      throw new IllegalArgumentException(
          "mean concurrency must be >= 0 to have a load bucket, got " + meanConcurrency);
    }
    if (meanConcurrency < 1) {
      return new LoadBucket(0);
    }
    if (meanConcurrency >= Math.scalb(1.0, MAX_INDEX - 1)) {
      return new LoadBucket(MAX_INDEX);
    }
    // The binary exponent is exact where log2 may round 7.999999999999999 up to 3.
    return new LoadBucket(Math.getExponent(meanConcurrency) + 1);
  }

  /**
   * The bucket whose {@link #label()} is {@code label}.
   *
   * @throws IllegalArgumentException when no bucket has that label
   */
  public static LoadBucket parse(String label) {
    int dash = label.indexOf('-');
    if (dash > 0) {
      try {
        long lower = Long.parseLong(label.substring(0, dash));
        if (lower == 0 || (lower > 0 && Long.bitCount(lower) == 1)) {
          int index = lower == 0 ? 0 : Long.numberOfTrailingZeros(lower) + 1;
          if (index <= MAX_INDEX) {
            LoadBucket bucket = new LoadBucket(index);
            if (bucket.label().equals(label)) {
              return bucket;
            }
          }
        }
      } catch (NumberFormatException e) {
        // falls through to the rejection below
      }
    }
    throw new IllegalArgumentException(
        "not a load bucket: \"" + label + "\" (expected 0-1, 1-2, 2-4, 4-8, ...)");
  }

  /** The smallest mean concurrency in this bucket. */
  public double lowerBound() {
    return index == 0 ? 0 : Math.scalb(1.0, index - 1);
  }

  /** The mean concurrency just above this bucket; infinite for the top bucket. */
  public double upperBound() {
    return index == MAX_INDEX ? Double.POSITIVE_INFINITY : Math.scalb(1.0, index);
  }

  /** {@code lower-upper}, for example {@code 4-8}; the top bucket ends in {@code inf}. */
  public String label() {
    String upper = index == MAX_INDEX ? "inf" : Long.toString(1L << index);
    return (long) lowerBound() + "-" + upper;
  }

  @Override
  public int compareTo(LoadBucket other) {
    return Integer.compare(index, other.index);
  }

  @Override
  public String toString() {
    return label();
  }
}
