package io.tokenjoule.energybench;

/** A run that cannot give a trustworthy result: no energy, energy that does not cover the run. */
public final class BenchFailure extends Exception {

  private static final long serialVersionUID = 1L;

  public BenchFailure(String message) {
    super(message);
  }
}
