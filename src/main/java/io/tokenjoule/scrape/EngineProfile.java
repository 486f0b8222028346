package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One inference engine's metric names and quirks: which samples to keep from its /metrics page, how
 * to turn them into {@link EngineCounters}, and how to recognise the engine from a page alone.
 *
 * <p>Implementations are stateless and thread-safe. One engine, one file.
 */
public interface EngineProfile {

  /** The {@code engine} label value, for example {@code vllm}. */
  String engine();

  /** The {@code Accept} header to scrape with. */
  default String acceptHeader() {
    return "text/plain; version=0.0.4";
  }

  /**
   * The paths where the engine serves its metrics page, most likely first. Discovery probes them in
   * order on each listening port it finds; a configured server names its URL instead.
   */
  default List<String> metricsPaths() {
    return List.of("/metrics");
  }

  /** Every sample name this profile reads, in every spelling the engine may use. */
  Set<String> sampleNames();

  /**
   * Turns the kept samples of one page into counters, summed over every label but the model.
   *
   * @throws MissingMetricsException when a counter the profile needs is not on the page
   */
  EngineCounters extract(List<Sample> samples) throws MissingMetricsException;

  /**
   * Says whether a page comes from this engine, judging by the sample names on it.
   *
   * @return why it matched (for example {@code found vllm:generation_tokens_total}), or empty
   */
  Optional<String> recognise(Set<String> sampleNames);
}
