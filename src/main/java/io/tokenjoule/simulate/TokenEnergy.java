package io.tokenjoule.simulate;

/**
 * A simulated server whose GPUs spend a known energy per token, beyond their idle power: the
 * prefill/decode split a fit should find. While it serves {@code p} prompt and {@code g} generated
 * tokens per second, its GPUs together draw their idle watts plus {@code joulesPerPromptToken × p +
 * joulesPerGeneratedToken × g}, shared evenly among them. Their {@link PowerModel}'s limit still
 * caps each GPU, which breaks the linearity: keep scenarios under it.
 *
 * @param joulesPerPromptToken energy per prompt token, over all of the server's GPUs (J)
 * @param joulesPerGeneratedToken energy per generated token, over all of the server's GPUs (J)
 */
public record TokenEnergy(double joulesPerPromptToken, double joulesPerGeneratedToken) {

  public TokenEnergy {
    if (!(joulesPerPromptToken >= 0)
        || !(joulesPerGeneratedToken >= 0)
        || Double.isInfinite(joulesPerPromptToken)
        || Double.isInfinite(joulesPerGeneratedToken)) {
      throw new IllegalArgumentException("joules per token must be finite and >= 0");
    }
  }

  /** Watts above idle, over all of the server's GPUs, at these token rates (tokens/s). */
  public double watts(double promptTokensPerSecond, double generatedTokensPerSecond) {
    return joulesPerPromptToken * promptTokensPerSecond
        + joulesPerGeneratedToken * generatedTokensPerSecond;
  }
}
