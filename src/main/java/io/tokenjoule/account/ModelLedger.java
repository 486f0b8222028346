package io.tokenjoule.account;

import io.tokenjoule.scrape.ModelCounters;

/** Reset-corrected token and request counters of one model of one server. Not thread-safe. */
final class ModelLedger {

  private final String model;
  private final ResetAwareCounter prompt = new ResetAwareCounter();
  private final ResetAwareCounter generated = new ResetAwareCounter();
  private final ResetAwareCounter requests = new ResetAwareCounter();
  private final ResetAwareCounter cachedPrompt = new ResetAwareCounter();

  ModelLedger(String model) {
    this.model = model;
  }

  /** Takes a scrape; returns the prompt and generated tokens it added (0 for the first). */
  double observe(ModelCounters counters) {
    boolean seenBefore = prompt.hasValue();
    double added = prompt.observe(counters.promptTokens());
    added += generated.observe(counters.generatedTokens());
    requests.observe(counters.requests());
    if (seenBefore && !cachedPrompt.hasValue() && !Double.isNaN(counters.cachedPromptTokens())) {
      // A cached-token series that appears after the model did (SGLang registers a label value
      // at its first hit) counted up from zero since the last scrape.
      cachedPrompt.observe(0);
    }
    cachedPrompt.observe(counters.cachedPromptTokens());
    return added;
  }

  /**
   * Prompt tokens computed rather than served from a prefix cache: the served ones less the cached
   * ones where the engine tells them apart, else all the prompt tokens counted.
   */
  double computedPromptTokens() {
    return cachedPrompt.hasValue() ? prompt.total() - cachedPrompt.total() : prompt.total();
  }

  double promptTokens() {
    return prompt.total();
  }

  double generatedTokens() {
    return generated.total();
  }

  /** NaN while the engine never reported requests for this model. */
  double requests() {
    return requests.total();
  }

  long counterResets() {
    return prompt.resets() + generated.resets() + requests.resets() + cachedPrompt.resets();
  }

  ModelAccount account() {
    return new ModelAccount(
        model, prompt.total(), generated.total(), requests.total(), cachedPrompt.total());
  }
}
