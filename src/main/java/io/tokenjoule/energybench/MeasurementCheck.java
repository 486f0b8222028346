package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a level's figures can be trusted, enforced rather than printed: the energy of the window
 * the gate uses must be known to within the allowed uncertainty, must be above zero while tokens
 * flowed, and its mean power may not exceed the peak power. A level that fails any of these makes
 * the run invalid, with a reason saying what to change.
 */
public final class MeasurementCheck {

  private MeasurementCheck() {}

  /**
   * The reasons {@code level} cannot be trusted; empty when it can.
   *
   * @param maxUncertainty the allowed relative energy uncertainty, as a fraction
   * @param requests requests per level in this run, to say how many a measurable level needs
   */
  public static List<String> problems(LevelResult level, double maxUncertainty, int requests) {
    List<String> problems = new ArrayList<>();
    SpanFigures span = level.gated();
    String where =
        String.format(
            Locale.ROOT,
            "concurrency %d (%s, %.3f s)",
            level.concurrency(),
            level.steady() != null ? "steady state" : "whole run",
            span.seconds());
    EnergyTimeline.Estimate energy = span.energy();
    if (energy == null) {
      problems.add(where + ": the energy samples do not cover the window");
      return problems;
    }
    if (!(energy.joules() >= 0)) {
      problems.add(where + ": negative energy " + fmt(energy.joules()) + " J");
    }
    double mean = span.meanWatts();
    double peak = span.peakWatts();
    if (Double.isFinite(mean) && Double.isFinite(peak) && mean > peak * (1 + 1e-9) + 1e-9) {
      problems.add(where + ": mean power " + fmt(mean) + " W above peak power " + fmt(peak) + " W");
    }
    boolean underLoad = span.tokens() > 0;
    double ratio = energy.uncertaintyRatio();
    if (underLoad && (!(energy.joules() > 0) || !(energy.lowJoules() > 0))) {
      problems.add(
          where
              + ": too short to measure: the energy counter did not provably move within the"
              + " window ("
              + fmt(energy.lowJoules())
              + " to "
              + fmt(energy.highJoules())
              + " J); "
              + needed(span, energy, maxUncertainty, requests));
    } else if (ratio > maxUncertainty) {
      problems.add(
          String.format(
              Locale.ROOT,
              "%s: too short to measure: energy %s J known only to +/-%s J (%.1f%%), over the"
                  + " allowed %.1f%%; %s",
              where,
              fmt(energy.joules()),
              fmt(energy.uncertaintyJoules()),
              100 * ratio,
              100 * maxUncertainty,
              needed(span, energy, maxUncertainty, requests)));
    }
    return problems;
  }

  /**
   * How long the window must last: the uncertainty comes from the window's two edges (sample
   * spacing and counter updates), so it stays about the same in joules while the energy grows with
   * the window.
   */
  private static String needed(
      SpanFigures span, EnergyTimeline.Estimate energy, double maxUncertainty, int requests) {
    double seconds = span.seconds();
    double watts =
        (energy.joules() > 0 ? energy.joules() : energy.highJoules()) / Math.max(seconds, 1e-9);
    // A fifth more than the bare ratio: the window does not grow exactly with the requests.
    double neededSeconds = 1.2 * energy.uncertaintyJoules() / (maxUncertainty * watts);
    if (!Double.isFinite(neededSeconds) || neededSeconds <= seconds) {
      neededSeconds = 2 * Math.max(seconds, 1e-3);
    }
    long neededRequests =
        seconds > 0 ? (long) Math.ceil(requests * neededSeconds / seconds) : 2L * requests;
    return String.format(
        Locale.ROOT,
        "the window must last at least %.1f s (about --requests %d at this concurrency instead"
            + " of %d, or a shorter --sample-period)",
        neededSeconds,
        Math.max(neededRequests, requests + 1),
        requests);
  }

  private static String fmt(double v) {
    return SummaryMarkdown.fmt(v);
  }
}
