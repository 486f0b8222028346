package io.tokenjoule.account.economics;

/**
 * A figure per million tokens, counted two ways; NaN where it cannot be computed.
 *
 * @param generated per million generated tokens
 * @param all per million tokens, prompt and generated
 */
public record PerMillionTokens(double generated, double all) {

  public static final PerMillionTokens UNKNOWN = new PerMillionTokens(Double.NaN, Double.NaN);

  /** {@code amount} spread over the tokens; NaN for no tokens. */
  static PerMillionTokens of(double amount, double generatedTokens, double allTokens) {
    return new PerMillionTokens(perMillion(amount, generatedTokens), perMillion(amount, allTokens));
  }

  PerMillionTokens times(double factor) {
    return new PerMillionTokens(generated * factor, all * factor);
  }

  private static double perMillion(double amount, double tokens) {
    return tokens > 0 ? amount / tokens * 1e6 : Double.NaN;
  }
}
