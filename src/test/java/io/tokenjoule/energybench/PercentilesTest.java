package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void interpolatesBetweenRanksAsNumpyDoes() {
    double[] values = new double[101];
    for (int i = 0; i <= 100; i++) {
      values[100 - i] = i; // unsorted on purpose
    }
    Percentiles p = Percentiles.of(values);
    assertEquals(101, p.count());
    assertEquals(50, p.mean(), 1e-12);
    assertEquals(50, p.p50(), 1e-12);
    assertEquals(90, p.p90(), 1e-12);
    assertEquals(99, p.p99(), 1e-12);
    // numpy.percentile([1, 2, 3, 4], [50, 90, 99]) = [2.5, 3.7, 3.97]
    Percentiles four = Percentiles.of(new double[] {4, 1, 3, 2});
    assertEquals(2.5, four.p50(), 1e-12);
    assertEquals(3.7, four.p90(), 1e-12);
    assertEquals(3.97, four.p99(), 1e-12);
  }

  @Test
  void anEmptySampleHasNoFigures() {
    assertEquals(0, Percentiles.of(new double[0]).count());
    assertTrue(Double.isNaN(Percentiles.of(new double[0]).p50()));
  }
}
