package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steady-state window, measured as ML.ENERGY's leaderboard does: from the instant the number of
 * requests in flight first reaches the target concurrency until the last request starts. Ramp-up
 * (fewer in flight than the target) and drain (no more requests to start) are left out.
 *
 * @param startSeconds when the target concurrency was first reached
 * @param endSeconds when the last request started
 */
public record SteadyStateWindow(double startSeconds, double endSeconds) {

  public double seconds() {
    return endSeconds - startSeconds;
  }

  /**
   * Places the window over every request issued (failed ones included: they held a slot).
   *
   * @return empty when the concurrency is never reached or the last request starts at that instant
   *     (for example, no more requests than the concurrency)
   */
  public static Optional<SteadyStateWindow> of(List<RequestOutcome> outcomes, int concurrency) {
    List<double[]> events = new ArrayList<>(outcomes.size() * 2);
    double lastStart = Double.NEGATIVE_INFINITY;
    for (RequestOutcome outcome : outcomes) {
      events.add(new double[] {outcome.startSeconds(), +1});
      events.add(new double[] {outcome.endSeconds(), -1});
      lastStart = Math.max(lastStart, outcome.startSeconds());
    }
    // At equal instants, a request ending frees its slot before the next one takes it.
    events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    int inFlight = 0;
    for (double[] event : events) {
      inFlight += (int) event[1];
      if (inFlight >= concurrency) {
        return event[0] < lastStart
            ? Optional.of(new SteadyStateWindow(event[0], lastStart))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
