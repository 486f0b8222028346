package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyTimelineTest {

  private static EnergyMeter.Reading at(double seconds, double joules) {
    return new EnergyMeter.Reading(seconds, joules);
  }

  @Test
  void energyBetweenInstantsIsInterpolatedBetweenSamples() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(10.0, 1000));
    timeline.add(at(10.1, 1030)); // 300 W
    timeline.add(at(10.2, 1050)); // 200 W
    assertEquals(30 + 10, timeline.joulesBetween(10.0, 10.15), 1e-9);
    assertEquals(15 + 10, timeline.joulesBetween(10.05, 10.15), 1e-9);
    assertEquals(300, timeline.peakWatts(10.0, 10.2), 1e-9);
    assertEquals(200, timeline.peakWatts(10.15, 10.2), 1e-9);
    assertEquals(250, timeline.recentWatts(0.2), 1e-9);
    assertTrue(Double.isNaN(timeline.joulesBetween(9.9, 10.1)));
    assertTrue(Double.isNaN(timeline.joulesBetween(10.1, 10.3)));
  }

  @Test
  void aCounterThatGoesDownRestartedAndCountsItsNewValue() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(1, 500));
    timeline.add(at(2, 600));
    timeline.add(at(3, 40)); // restarted, 40 J since
    timeline.add(at(4, 140));
    assertEquals(100 + 40 + 100, timeline.joulesBetween(1, 4), 1e-9);
  }

  @Test
  void powerIsNeverComputedOverAnIntervalShorterThanTheSamplingPeriod() {
    EnergyTimeline timeline = new EnergyTimeline(0.1);
    timeline.add(at(1.0, 0));
    timeline.add(at(1.1, 30)); // 300 W
    timeline.add(at(1.101, 33)); // an edge sample 1 ms later: 3000 W over 1 ms would be noise
    timeline.add(at(1.2, 60)); // merged: 30 J over 0.1 s
    assertEquals(300, timeline.peakWatts(1.0, 1.2), 1e-9);
    assertEquals(2, EnergyTimeline.power(timeline.points(), 0.1).size());
    assertEquals(33 - 30, timeline.joulesBetween(1.1, 1.101), 1e-9);
  }

  @Test
  void anOutOfOrderSampleIsIgnored() {
    EnergyTimeline timeline = new EnergyTimeline(0);
    timeline.add(at(1, 0));
    timeline.add(at(2, 100));
    timeline.add(at(1.5, 10));
    assertEquals(2, timeline.points().size());
    assertEquals(100, timeline.recentWatts(1), 1e-9);
  }
}
