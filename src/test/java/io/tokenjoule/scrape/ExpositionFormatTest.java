package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExpositionFormatTest {

  @Test
  void openMetricsContentTypeWithParameters() {
    assertEquals(
        ExpositionFormat.OPENMETRICS,
        ExpositionFormat.fromContentType(
            "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    assertEquals(
        ExpositionFormat.OPENMETRICS,
        ExpositionFormat.fromContentType(" Application/OpenMetrics-Text "));
  }

  @Test
  void everythingElseIsPrometheusText() {
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType(null));
    assertEquals(
        ExpositionFormat.PROMETHEUS_TEXT,
        ExpositionFormat.fromContentType("text/plain; version=0.0.4; charset=utf-8"));
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType("text/html"));
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType(""));
    assertEquals(
        ExpositionFormat.PROMETHEUS_TEXT,
        ExpositionFormat.fromContentType("application/openmetrics-textual"));
  }
}
