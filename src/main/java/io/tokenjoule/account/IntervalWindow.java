package io.tokenjoule.account;

import java.util.ArrayDeque;

/**
 * The valid intervals of one server whose end lies within the last {@code lengthSeconds}, and the
 * {@link WindowStats} they add up to. Sums are recomputed from the intervals on every call, so no
 * rounding drift builds up. Not thread-safe.
 */
final class IntervalWindow {

  private final double lengthSeconds;
  private final ArrayDeque<Interval> intervals = new ArrayDeque<>();

  IntervalWindow(double lengthSeconds) {
    this.lengthSeconds = lengthSeconds;
  }

  /** Appends an interval; intervals come in order of their end. */
  void add(Interval interval) {
    intervals.addLast(interval);
  }

  /** Drops intervals that ended at or before {@code nowSeconds − length}. */
  void evict(double nowSeconds) {
    double horizon = nowSeconds - lengthSeconds;
    while (!intervals.isEmpty() && !(intervals.peekFirst().endSeconds() > horizon)) {
      intervals.removeFirst();
    }
  }

  WindowStats stats() {
    if (intervals.isEmpty()) {
      return WindowStats.EMPTY;
    }
    double covered = 0;
    double energy = 0;
    double prompt = 0;
    double generated = 0;
    double requests = 0;
    double runningRequestSeconds = 0;
    UncertaintyBound bound = new UncertaintyBound();
    Interval runFirst = null;
    Interval previous = null;
    double runEnergy = 0;
    for (Interval interval : intervals) {
      // A restart ends a run: what the server made between its last scrape and the restart was
      // never counted, so the anchors on both sides of it count as ends.
      if (previous != null && (!interval.follows(previous) || interval.bridgesCounterRestart())) {
        bound.addRun(runFirst.start(), previous.end(), runEnergy);
        runFirst = null;
      }
      if (runFirst == null) {
        runFirst = interval;
        runEnergy = 0;
      }
      runEnergy += interval.energyJoules();
      covered += interval.durationSeconds();
      energy += interval.energyJoules();
      prompt += interval.promptTokens();
      generated += interval.generatedTokens();
      requests += interval.requests();
      runningRequestSeconds += interval.runningRequestSeconds();
      previous = interval;
    }
    bound.addRun(runFirst.start(), previous.end(), runEnergy);
    WindowState state = state(generated, previous);
    boolean measured = state.measured();
    double allTokens = prompt + generated;
    return new WindowStats(
        covered,
        energy,
        prompt,
        generated,
        requests,
        runningRequestSeconds / covered,
        measured ? ratio(energy, generated) : Double.NaN,
        measured ? ratio(energy, allTokens) : Double.NaN,
        measured ? ratio(energy, requests) : Double.NaN,
        measured ? bound.relativeToGenerated(energy, generated) : Double.NaN,
        measured ? bound.relativeToAll(energy, allTokens) : Double.NaN,
        intervals.peekFirst().start().timestampSeconds(),
        previous.endSeconds(),
        state,
        measured ? bound.relativeAttribution(energy) : 0);
  }

  private WindowState state(double generated, Interval last) {
    if (!(generated > 0)) {
      return WindowState.IDLE;
    }
    if (last.end().countOverdue()) {
      return WindowState.COUNTING;
    }
    return rampsAtAnEnd() ? WindowState.RAMP : WindowState.STEADY;
  }

  /** Whether the window's idle intervals form one stretch that touches its start or its end. */
  private boolean rampsAtAnEnd() {
    int stretches = 0;
    boolean inStretch = false;
    boolean touchesAnEnd = false;
    int index = 0;
    for (Interval interval : intervals) {
      boolean idle = interval.idle();
      if (idle && !inStretch) {
        stretches++;
        touchesAnEnd |= index == 0;
      }
      if (idle && index == intervals.size() - 1) {
        touchesAnEnd = true;
      }
      inStretch = idle;
      index++;
    }
    return stretches == 1 && touchesAnEnd;
  }

  /** NaN when the denominator is 0 or NaN: an idle window has no J/token, not 0 or infinity. */
  private static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : Double.NaN;
  }
}
