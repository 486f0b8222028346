package io.tokenjoule.account.split;

/** Whether a {@link SplitEstimate} publishes its figures, and if not, why not. */
public enum SplitStatus {
  /** Well-conditioned, precise and plausible: the figures are published. */
  PUBLISHED,
  /** Fewer effective intervals than {@link FitSettings#minEffectiveSamples()}. */
  TOO_FEW_SAMPLES,
  /**
   * The prompt rate, the generated rate and the constant are (nearly) collinear: the mix or the
   * load has not varied enough within the horizon to tell prefill, decode and static power apart.
   */
  NO_VARIETY,
  /** Solvable, but a coefficient is less precise than the settings ask. */
  TOO_UNCERTAIN,
  /**
   * Precise, but a coefficient is negative: energy is not linear in the tokens here, or the tokens
   * and the energy are not from the same spans.
   */
  IMPLAUSIBLE
}
