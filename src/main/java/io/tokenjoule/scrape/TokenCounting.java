package io.tokenjoule.scrape;

/** When an engine's token counters move, which says how far behind the truth they can be. */
public enum TokenCounting {
  /**
   * At every engine step, by the tokens the step made (vLLM, SGLang's realtime counter): the
   * counter is at most a step behind, so its increments vary only as the real rate does.
   */
  EVERY_STEP,
  /**
   * When a request or a batch finishes (TGI, llama.cpp, SGLang's tokenizer counters), or not known:
   * the counter can be a whole request or batch behind, and how far is learnt from its increments.
   */
  ON_COMPLETION
}
