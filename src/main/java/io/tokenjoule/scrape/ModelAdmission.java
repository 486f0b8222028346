package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bounds the models one server may report, so that a page inventing model names cannot grow the
 * agent's own series without end. The models of the last scrape keep their place while they stay on
 * the page; new ones are admitted up to {@code maxModels} in all, the first scrape's all at once,
 * later scrapes' at most {@code maxNewPerScrape} at a time. A model that leaves the page frees its
 * place. Refused models are counted, by reason, and left out of the reading.
 *
 * <p>Thread-safe: one per target, called once per scrape.
 */
final class ModelAdmission {

  private final int maxModels;
  private final int maxNewPerScrape;
  private Set<String> admitted = Set.of();
  private boolean first = true;

  ModelAdmission(int maxModels, int maxNewPerScrape) {
    this.maxModels = maxModels;
    this.maxNewPerScrape = maxNewPerScrape;
  }

  /**
   * The counters of the admitted models, in their order, counting the others in {@code drops}.
   *
   * @return null when no model is admitted
   */
  synchronized EngineCounters admit(EngineCounters counters, DropCounts drops) {
    List<ModelCounters> kept = new ArrayList<>();
    List<ModelCounters> candidates = new ArrayList<>();
    for (ModelCounters model : counters.models()) {
      (admitted.contains(model.model()) ? kept : candidates).add(model);
    }
    int newAllowed = first ? maxModels : maxNewPerScrape;
    for (ModelCounters model : candidates) {
      if (kept.size() >= maxModels) {
        drops.add(DropReason.MODELS);
      } else if (newAllowed == 0) {
        drops.add(DropReason.NEW_MODELS);
      } else {
        kept.add(model);
        newAllowed--;
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    Set<String> names = new HashSet<>();
    kept.forEach(model -> names.add(model.model()));
    admitted = names;
    first = false;
    if (kept.size() == counters.models().size()) {
      return counters;
    }
    kept.sort((a, b) -> a.model().compareTo(b.model()));
    return new EngineCounters(kept, counters.tokenResolution(), counters.simulated());
  }
}
