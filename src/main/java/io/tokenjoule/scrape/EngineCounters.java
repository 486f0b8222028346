package io.tokenjoule.scrape;

import java.util.List;

/**
 * What an engine profile extracts from one /metrics page.
 *
 * @param models one entry per served model, sorted by model name, never empty
 * @param tokenResolution how many tokens any one counter may lag the truth at an instant (for a
 *     per-step counter, about one step's tokens: the running requests), used for the error bound
 * @param simulated true when the page says it comes from tokenjoule's simulator ({@code
 *     source="simulated"}); every series derived from it is then labelled so
 * @param counting when the engine's token counters move, as its profile knows it
 */
public record EngineCounters(
    List<ModelCounters> models, double tokenResolution, boolean simulated, TokenCounting counting) {

  /** Counters of an engine that counts when requests finish, or is not known to count per step. */
  public EngineCounters(List<ModelCounters> models, double tokenResolution, boolean simulated) {
    this(models, tokenResolution, simulated, TokenCounting.ON_COMPLETION);
  }

  public EngineCounters {
    java.util.Objects.requireNonNull(counting, "counting");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("an engine reading needs at least one model");
    }
    if (!(tokenResolution >= 0) || Double.isInfinite(tokenResolution)) {
      throw new IllegalArgumentException("tokenResolution must be finite and >= 0");
    }
  }

  /** Prompt tokens over all models. */
  public double promptTokens() {
    return models.stream().mapToDouble(ModelCounters::promptTokens).sum();
  }

  /** Generated tokens over all models. */
  public double generatedTokens() {
    return models.stream().mapToDouble(ModelCounters::generatedTokens).sum();
  }

  /** Finished requests over all models; NaN if any model does not report them. */
  public double requests() {
    return models.stream().mapToDouble(ModelCounters::requests).sum();
  }

  /** Running requests over all models; NaN if any model does not report them. */
  public double runningRequests() {
    return models.stream().mapToDouble(ModelCounters::runningRequests).sum();
  }
}
