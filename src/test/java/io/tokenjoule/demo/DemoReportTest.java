package io.tokenjoule.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the demo prints a J/token figure, or its absence. */
class DemoReportTest {

  @Test
  void aFigureHasItsBoundAndAnAbsentOneOnlyAWord() {
    assertEquals("0.2697 J/token (±1.89%)", DemoReport.figure(0.26974, 0.0189, "idle"));
    assertEquals("0.2697 J/token", DemoReport.figure(0.26974, Double.NaN, "idle"));
    assertEquals("idle", DemoReport.figure(Double.NaN, Double.NaN, "idle"));
  }
}
