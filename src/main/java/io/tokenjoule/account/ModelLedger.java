package io.tokenjoule.account;

import io.tokenjoule.scrape.ModelCounters;

/** Reset-corrected token and request counters of one model of one server. Not thread-safe. */
final class ModelLedger {

  private final String model;
  private final ResetAwareCounter prompt = new ResetAwareCounter();
  private final ResetAwareCounter generated = new ResetAwareCounter();
  private final ResetAwareCounter requests = new ResetAwareCounter();

  ModelLedger(String model) {
    this.model = model;
  }

  /** Takes a scrape; returns the prompt and generated tokens it added (0 for the first). */
  double observe(ModelCounters counters) {
    double added = prompt.observe(counters.promptTokens());
    added += generated.observe(counters.generatedTokens());
    requests.observe(counters.requests());
    return added;
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
    return prompt.resets() + generated.resets() + requests.resets();
  }

  ModelAccount account() {
    return new ModelAccount(model, prompt.total(), generated.total(), requests.total());
  }
}
