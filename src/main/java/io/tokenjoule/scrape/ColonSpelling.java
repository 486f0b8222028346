package io.tokenjoule.scrape;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The two spellings of a metric whose name has a colon: {@code vllm:prompt_tokens_total} as the
 * engine names it, and {@code vllm_prompt_tokens_total}, which prometheus_client 0.23 and later
 * writes under OpenMetrics content negotiation. A page carrying both is read in the colon spelling
 * only, so that nothing counts twice. Immutable and thread-safe.
 */
final class ColonSpelling {

  private final Set<String> colonNames;
  private final Map<String, String> colonOfUnderscore = new HashMap<>();

  /**
   * @param colonNames the metrics' names in their colon spelling
   */
  ColonSpelling(List<String> colonNames) {
    this.colonNames = Set.copyOf(colonNames);
    for (String colon : colonNames) {
      colonOfUnderscore.put(colon.replace(':', '_'), colon);
    }
  }

  /**
   * Which samples of one page to read: every sample but those in the underscore spelling of a
   * metric whose colon spelling is on the page too.
   */
  Predicate<Sample> readable(List<Sample> page) {
    Set<String> colonOnPage = new HashSet<>();
    for (Sample sample : page) {
      if (colonNames.contains(sample.name())) {
        colonOnPage.add(sample.name());
      }
    }
    return sample -> {
      String colon = colonOfUnderscore.get(sample.name());
      return colon == null || !colonOnPage.contains(colon);
    };
  }
}
