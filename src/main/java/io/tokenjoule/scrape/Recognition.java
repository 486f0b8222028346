package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a profile recognises its engine from the sample names of a page, with the reason it gives
 * ({@code found vllm:generation_tokens_total}). Stateless.
 */
final class Recognition {

  private Recognition() {}

  /** The first of {@code namesInOrder} that is on the page. */
  static Optional<String> firstOf(Set<String> pageNames, List<String> namesInOrder) {
    for (String name : namesInOrder) {
      if (pageNames.contains(name)) {
        return Optional.of("found " + name);
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #firstOf}, or failing those the first name on the page (alphabetically) that starts with
   * the engine's own prefix, such as {@code vllm:}.
   */
  static Optional<String> firstOfOrPrefixed(
      Set<String> pageNames, List<String> namesInOrder, String enginePrefix) {
    return firstOf(pageNames, namesInOrder)
        .or(
            () ->
                pageNames.stream()
                    .filter(name -> name.startsWith(enginePrefix))
                    .sorted()
                    .findFirst()
                    .map(name -> "found " + name));
  }
}
