package io.tokenjoule.account;

/**
 * Reset-corrected counters of one model of one server: the first raw value seen plus every increase
 * since (a counter that goes down restarted from zero, and its new value counts as the increase).
 * Never decrease.
 *
 * @param promptTokensTotal prompt tokens served (cache hits included where the engine tells them
 *     apart)
 * @param cachedPromptTokensTotal of those, the ones served from a prefix cache rather than
 *     computed; NaN while the engine never told them apart
 */
public record ModelAccount(
    String model,
    double promptTokensTotal,
    double generatedTokensTotal,
    double requestsTotal,
    double cachedPromptTokensTotal) {

  /** A model whose engine does not tell cached prompt tokens apart. */
  public ModelAccount(
      String model, double promptTokensTotal, double generatedTokensTotal, double requestsTotal) {
    this(model, promptTokensTotal, generatedTokensTotal, requestsTotal, Double.NaN);
  }
}
