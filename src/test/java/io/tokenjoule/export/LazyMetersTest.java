package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A meter shows a number only while it has one; the page never carries NaN or infinity. */
class LazyMetersTest {

  /** The state of one object: a gauge's value and a counter's. */
  private record State(double gauge, double counter) {}

  private final PrometheusMeterRegistry registry = PrometheusNaming.newRegistry();
  private final LazyMeters<State> meters =
      new LazyMeters<>(
          registry,
          List.of(
              MeterSpec.gauge("test.figure", "joules", "A figure.", State::gauge),
              MeterSpec.counter("test.energy", "joules", "An energy.", State::counter)));

  private Double gauge() {
    var gauge = registry.find("test.figure").gauge();
    return gauge == null ? null : gauge.value();
  }

  @Test
  void aGaugeThatLosesItsValueLeavesThePageAndComesBackWithIt() {
    meters.offer("a", Tags.of("server", "a"), new State(Double.NaN, Double.NaN));
    assertNull(gauge(), "never had a value: never registered");

    meters.offer("a", Tags.of("server", "a"), new State(0.25, 100));
    assertEquals(0.25, gauge());

    meters.offer("a", Tags.of("server", "a"), new State(Double.NaN, 120));
    assertNull(gauge(), "an idle window's figure is absent, not NaN");
    assertFalse(registry.scrape().contains("NaN"), registry.scrape());
    assertEquals(120, registry.find("test.energy").functionCounter().count());

    meters.offer("a", Tags.of("server", "a"), new State(Double.POSITIVE_INFINITY, Double.NaN));
    assertNull(gauge());
    assertEquals(120, registry.find("test.energy").functionCounter().count(), "a counter holds");

    meters.offer("a", Tags.of("server", "a"), new State(0.5, 130));
    assertEquals(0.5, gauge());
    assertTrue(registry.scrape().contains("test_figure_joules{server=\"a\"} 0.5"));
  }

  @Test
  void droppingAKeyRemovesItsMeters() {
    meters.offer("a", Tags.of("server", "a"), new State(1, 1));
    meters.drop("a");
    assertNull(gauge());
    assertNull(registry.find("test.energy").functionCounter());
  }
}
