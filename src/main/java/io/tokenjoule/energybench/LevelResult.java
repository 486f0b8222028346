package io.tokenjoule.energybench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One concurrency level of a run: its requests, its steady-state window and the figures over that
 * window and over the whole level (first request start to last request end).
 *
 * @param steady figures over the steady-state window; null when there is none
 * @param steadyLatency latencies of the requests started in the window; null when there is none
 */
public record LevelResult(
    int concurrency,
    List<RequestOutcome> outcomes,
    Optional<SteadyStateWindow> window,
    SpanFigures steady,
    LatencyFigures steadyLatency,
    SpanFigures whole,
    LatencyFigures wholeLatency) {

  public LevelResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Derives every figure of a finished level from its outcomes and the energy timeline. */
  public static LevelResult of(
      int concurrency, List<RequestOutcome> outcomes, EnergyTimeline timeline) {
    Optional<SteadyStateWindow> window = SteadyStateWindow.of(outcomes, concurrency);
    double first = outcomes.stream().mapToDouble(RequestOutcome::startSeconds).min().orElse(0);
    double last = outcomes.stream().mapToDouble(RequestOutcome::endSeconds).max().orElse(0);
    SpanFigures steady =
        window
            .map(w -> SpanFigures.of(w.startSeconds(), w.endSeconds(), timeline, outcomes))
            .orElse(null);
    LatencyFigures steadyLatency =
        window
            .map(
                w ->
                    LatencyFigures.of(
                        outcomes.stream()
                            .filter(
                                o ->
                                    o.startSeconds() >= w.startSeconds()
                                        && o.startSeconds() <= w.endSeconds())
                            .toList()))
            .orElse(null);
    return new LevelResult(
        concurrency,
        outcomes,
        window,
        steady,
        steadyLatency,
        SpanFigures.of(first, last, timeline, outcomes),
        LatencyFigures.of(outcomes));
  }

  public int failed() {
    return (int) outcomes.stream().filter(o -> !o.succeeded()).count();
  }

  public double errorRate() {
    return outcomes.isEmpty() ? 0 : (double) failed() / outcomes.size();
  }

  /** Failed requests by kind, in the enum's order; kinds that did not happen are absent. */
  public Map<ErrorKind, Integer> errors() {
    Map<ErrorKind, Integer> errors = new EnumMap<>(ErrorKind.class);
    for (RequestOutcome outcome : outcomes) {
      if (!outcome.succeeded()) {
        errors.merge(outcome.error(), 1, Integer::sum);
      }
    }
    return errors;
  }

  /** Successful requests whose usage disagrees with the number of text chunks streamed. */
  public int usageMismatches() {
    return (int) outcomes.stream().filter(RequestOutcome::usageMismatch).count();
  }

  /** The figures the gate compares: the steady state's, or the whole level's without one. */
  public SpanFigures gated() {
    return steady != null ? steady : whole;
  }
}
