package io.tokenjoule.account.baseline;

/** What {@link ServerBaseline#observe} did with a window. */
public enum SampleOutcome {
  /** The window became a sample. */
  ACCEPTED,
  /** Less than the sample period has passed since the last sample; the window would overlap it. */
  NOT_DUE,
  /**
   * The window is not steady: the load started or stopped inside it, or its tokens in flight are
   * unknown ({@link io.tokenjoule.account.WindowState}).
   */
  NOT_STEADY,
  /** The window has no mean concurrency (the engine does not report running requests). */
  NO_LOAD,
  /** The window has fewer generated tokens than the settings require. */
  TOO_FEW_TOKENS,
  /** The window has no positive, finite energy. */
  NO_ENERGY,
  /** The window's relative error bound is unknown or above the settings' maximum. */
  TOO_UNCERTAIN
}
