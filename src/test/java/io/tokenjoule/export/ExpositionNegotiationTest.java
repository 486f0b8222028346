package io.tokenjoule.export;

import static io.tokenjoule.export.ExpositionNegotiation.OPENMETRICS;
import static io.tokenjoule.export.ExpositionNegotiation.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExpositionNegotiationTest {

  @Test
  void prometheusDefaultAcceptGetsOpenMetrics() {
    assertEquals(
        OPENMETRICS,
        ExpositionNegotiation.choose(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
  }

  @Test
  void plainClientsGetText() {
    assertEquals(TEXT, ExpositionNegotiation.choose(null));
    assertEquals(TEXT, ExpositionNegotiation.choose("*/*"));
    assertEquals(TEXT, ExpositionNegotiation.choose("text/plain; version=0.0.4"));
  }

  @Test
  void qualityDecides() {
    assertEquals(
        TEXT, ExpositionNegotiation.choose("application/openmetrics-text;q=0.2, text/plain;q=0.9"));
    assertEquals(TEXT, ExpositionNegotiation.choose("application/openmetrics-text;version=9.9.9"));
  }
}
