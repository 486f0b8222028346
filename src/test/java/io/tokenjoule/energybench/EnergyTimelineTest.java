package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class EnergyTimelineTest {

  private static EnergyMeter.Reading at(double seconds, double joules) {
    return new EnergyMeter.Reading(seconds, joules);
  }

  /**
   * A counter published once per {@code tick} (as a tokenjoule agent's), of true energy {@code
   * energy}, read every {@code period} from 0 to {@code end}.
   */
  private static EnergyTimeline ticked(
      DoubleUnaryOperator energy, double tick, double period, double end) {
    EnergyTimeline timeline = new EnergyTimeline(period);
    for (double t = 0; t <= end + 1e-9; t += period) {
      timeline.add(at(t, energy.applyAsDouble(Math.floor(t / tick + 1e-9) * tick)));
    }
    return timeline;
  }

  @Test
  void aWindowShorterThanATickIsNotZeroJoulesButUnmeasurable() {
    // 300 W, the counter moving once a second: the old timeline gave 0 J for [2.1, 2.8].
    EnergyTimeline timeline = ticked(t -> 300 * t, 1, 0.25, 6);
    EnergyTimeline.Estimate energy = timeline.between(2.1, 2.8);
    double truth = 300 * 0.7;
    assertEquals(0, energy.lowJoules(), 0, "nothing proves the counter moved inside");
    assertTrue(energy.highJoules() >= truth, energy.toString());
    assertTrue(energy.joules() > 0, energy.toString());
    assertTrue(energy.uncertaintyRatio() >= 1, energy.toString());
  }

  @Test
  void theTruthLiesWithinTheBoundsAndMeanPowerNeverExceedsPeak() {
    // Power that jumps between 100 W and 700 W every 0.7 s, a counter moving once a second.
    DoubleUnaryOperator energy =
        t -> {
          double joules = 0;
          for (double s = 0; s < t; s += 0.001) {
            joules += 0.001 * ((int) (s / 0.7) % 2 == 0 ? 100 : 700);
          }
          return joules;
        };
    EnergyTimeline timeline = ticked(energy, 1, 0.25, 12);
    for (double[] window : new double[][] {{0.3, 0.9}, {1.2, 3.7}, {2.05, 9.4}, {0.5, 10.5}}) {
      double truth = energy.applyAsDouble(window[1]) - energy.applyAsDouble(window[0]);
      EnergyTimeline.Estimate estimate = timeline.between(window[0], window[1]);
      assertTrue(
          estimate.lowJoules() <= truth + 1e-6 && truth <= estimate.highJoules() + 1e-6,
          truth + " outside " + estimate);
      assertTrue(Math.abs(estimate.joules() - truth) <= estimate.uncertaintyJoules() + 1e-6);
      double mean = estimate.joules() / (window[1] - window[0]);
      assertTrue(mean <= timeline.peakWatts(window[0], window[1]) + 1e-9, "mean " + mean);
    }
    // A longer window is known better, relative to its energy.
    assertTrue(
        timeline.between(0.5, 10.5).uncertaintyRatio()
            < timeline.between(1.2, 3.7).uncertaintyRatio());
  }

  @Test
  void aValueIsPlacedBetweenTheReadBeforeItAndTheReadThatShowedIt() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(10.0, 1000));
    timeline.add(at(10.1, 1030)); // reached in (10.0, 10.1]
    timeline.add(at(10.2, 1030)); // no change: not a point
    timeline.add(at(10.3, 1060)); // reached in (10.2, 10.3]
    List<EnergyTimeline.Point> points = timeline.points();
    assertEquals(3, points.size());
    assertEquals(10.05, points.get(1).seconds(), 1e-9);
    assertEquals(10.25, points.get(2).seconds(), 1e-9);
    assertEquals(4, timeline.reads().size());
    // Energy at 10.15 is at least 30 J (read at 10.1) and at most 60 J (reached after 10.2).
    assertNull(timeline.between(10.0, 10.25), "nothing is known to be reached after 10.25");
    EnergyTimeline.Estimate energy = timeline.between(10.0, 10.15);
    assertEquals(0, energy.lowJoules(), 1e-9); // the 1000 J value may be older than 10.0
    assertEquals(60, energy.highJoules(), 1e-9);
  }

  @Test
  void stalenessWidensTheBounds() {
    EnergyTimeline fresh = new EnergyTimeline(0, 0);
    EnergyTimeline stale = new EnergyTimeline(0, 0.1);
    for (EnergyTimeline timeline : List.of(fresh, stale)) {
      for (int i = 0; i <= 20; i++) {
        timeline.add(at(i * 0.1, 100 * i * 0.1));
      }
    }
    assertTrue(
        stale.between(0.5, 1.5).highJoules() > fresh.between(0.5, 1.5).highJoules(),
        "a value relayed late may have been reached earlier than it was seen");
  }

  @Test
  void aCounterThatGoesDownRestartedAndCountsItsNewValue() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(1, 500));
    timeline.add(at(2, 600));
    timeline.add(at(3, 40)); // restarted, 40 J since
    timeline.add(at(4, 140));
    assertEquals(
        List.of(0.0, 100.0, 140.0, 240.0),
        timeline.reads().stream().map(EnergyTimeline.Point::joules).toList());
  }

  @Test
  void powerIsNeverComputedOverAnIntervalShorterThanTheSamplingPeriod() {
    EnergyTimeline timeline = new EnergyTimeline(0.1);
    for (int i = 0; i <= 10; i++) {
      timeline.add(at(1 + i * 0.1, 30 * i)); // 300 W
      if (i == 5) {
        timeline.add(at(1.501, 150.3)); // an edge sample 1 ms later
      }
    }
    // Not the 30 kW that 0.3 J over 1 ms would make; within 1% of 300 W.
    assertEquals(300, timeline.peakWatts(1.0, 2.0), 3);
  }

  @Test
  void anOutOfOrderSampleIsIgnored() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(1, 0));
    timeline.add(at(2, 100));
    timeline.add(at(1.5, 10));
    assertEquals(2, timeline.reads().size());
  }
}
