package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a profile recognises its engine from the sample names of a page, with the reason it gives
 * ({@code found vllm:generation_tokens_total}). Implementations are stateless.
 */
@FunctionalInterface
interface Recognition {

  /** Why the page is this engine's, or empty when it is not. */
  Optional<String> recognise(Set<String> pageNames);

  /** The first of {@code namesInOrder} that is on the page. */
  static Recognition firstOf(List<String> namesInOrder) {
    return pageNames ->
        namesInOrder.stream().filter(pageNames::contains).findFirst().map(name -> "found " + name);
  }

  /**
   * This, or failing it the first name on the page (alphabetically) that starts with the engine's
   * own prefix, such as {@code vllm:}.
   */
  default Recognition orPrefixed(String enginePrefix) {
    return or(
        pageNames ->
            pageNames.stream()
                .filter(name -> name.startsWith(enginePrefix))
                .sorted()
                .findFirst()
                .map(name -> "found " + name));
  }

  /** This, or failing it {@code other}. */
  default Recognition or(Recognition other) {
    return pageNames -> recognise(pageNames).or(() -> other.recognise(pageNames));
  }

  /** This and {@code other} both, such as {@code found api_call_count and target_info}. */
  default Recognition and(Recognition other) {
    return pageNames ->
        recognise(pageNames)
            .flatMap(
                first ->
                    other
                        .recognise(pageNames)
                        .map(second -> first + " and " + second.replaceFirst("^found ", "")));
  }
}
