package io.tokenjoule;

/**
 * The agent's one clock: seconds since an arbitrary origin, never going backwards. Every reading
 * (GPU or inference server) is stamped with it, so energy and tokens can be aligned in time.
 * Accounting never calls it; time is passed in.
 */
@FunctionalInterface
public interface MonotonicClock {

  /** {@link System#nanoTime()} in seconds. */
  MonotonicClock SYSTEM = () -> System.nanoTime() / 1e9;

  double nowSeconds();
}
