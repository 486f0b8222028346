package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

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
public final class LocalAiProfile extends TableProfile {

  static final String API_CALLS = "api_call_count";

  private static final CounterReader COUNTERS =
      new CounterReader(
          null,
          List.of(Rule.of(Role.PRESENCE, API_CALLS)),
          "LocalAI exports no token counters: its page has API call durations (api_call) only, so"
              + " prompt and generated tokens are missing; count its tokens elsewhere (a gateway)"
              + " and read them with engine generic");

  /**
   * Recognises LocalAI by its {@code api_call} histogram next to the OpenTelemetry exporter's
   * {@code target_info}. Reading its page always fails, naming the counters LocalAI lacks.
   */
  public LocalAiProfile() {
    super(
        "localai",
        List.of("/metrics"),
        COUNTERS,
        Recognition.firstOf(List.of(API_CALLS)).and(Recognition.firstOf(List.of("target_info"))));
  }
}
