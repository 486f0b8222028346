package io.tokenjoule.scrape;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LocalAI. Its /metrics page ({@code core/services/metrics.go}, an OpenTelemetry meter exported
 * through the OpenTelemetry Prometheus exporter) has one metric of its own, the histogram {@code
 * api_call} of API call durations labelled {@code method} and {@code path}, next to the exporter's
 * {@code target_info} and the Go runtime's metrics. It counts no tokens.
 *
 * <p>The profile recognises the page so that {@code probe} can say what it is, and reading it
 * always fails with a {@link MissingMetricsException} that names what is missing. Measure a LocalAI
 * server through something that counts its tokens (a gateway) with the {@code generic} engine.
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalAiProfile implements EngineProfile {

  static final String API_CALLS = "api_call_count";
  private static final String TARGET_INFO = "target_info";

  @Override
  public String engine() {
    return "localai";
  }

  @Override
  public Set<String> sampleNames() {
    return Set.of(API_CALLS);
  }

  /**
   * Always fails: LocalAI exports no token counters.
   *
   * @throws MissingMetricsException always, naming the counters LocalAI lacks
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    throw new MissingMetricsException(
        "LocalAI exports no token counters: its page has API call durations (api_call) only, so"
            + " prompt and generated tokens are missing; count its tokens elsewhere (a gateway)"
            + " and read them with engine generic");
  }

  /**
   * Recognises LocalAI by its {@code api_call} histogram next to the OpenTelemetry exporter's
   * {@code target_info}.
   */
  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    if (sampleNames.contains(API_CALLS) && sampleNames.contains(TARGET_INFO)) {
      return Optional.of("found " + API_CALLS + " and " + TARGET_INFO);
    }
    return Optional.empty();
  }
}
