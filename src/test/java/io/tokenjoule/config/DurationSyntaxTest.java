package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationSyntaxTest {

  @Test
  void readsSingleUnits() {
    assertEquals(Duration.ofMillis(500), DurationSyntax.parse("500ms"));
    assertEquals(Duration.ofSeconds(1), DurationSyntax.parse("1s"));
    assertEquals(Duration.ofMinutes(5), DurationSyntax.parse("5m"));
    assertEquals(Duration.ofHours(2), DurationSyntax.parse("2h"));
    assertEquals(Duration.ofDays(1), DurationSyntax.parse("1d"));
    assertEquals(Duration.ofDays(14), DurationSyntax.parse("2w"));
    assertEquals(Duration.ofDays(365), DurationSyntax.parse("1y"));
  }

  @Test
  void readsCompoundDurations() {
    assertEquals(Duration.ofSeconds(90), DurationSyntax.parse("1m30s"));
    assertEquals(Duration.ofMillis(1_500), DurationSyntax.parse("1s500ms"));
    assertEquals(Duration.ofHours(36), DurationSyntax.parse("1d12h"));
    assertEquals(
        Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusMillis(4),
        DurationSyntax.parse("1h2m3s4ms"));
    assertEquals(Duration.ofHours(1), DurationSyntax.parse("1h0m"));
  }

  @Test
  void readsZero() {
    assertEquals(Duration.ZERO, DurationSyntax.parse("0"));
    assertEquals(Duration.ZERO, DurationSyntax.parse("0s"));
  }

  @Test
  void rejectsWhatPrometheusRejects() {
    for (String text : new String[] {"", "fast", "1.5s", "-1s", "1S", "s", "1s1m", "1m1m", " 1s"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DurationSyntax.parse(text), text);
      assertEquals("expected a duration such as 1s or 500ms, got '" + text + "'", e.getMessage());
    }
  }

  @Test
  void saysAUnitIsRequiredForABareNumber() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DurationSyntax.parse("5"));
    assertEquals(
        "expected a duration such as 1s or 500ms, got '5' (a unit is required)", e.getMessage());
  }

  @Test
  void rejectsOverflow() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DurationSyntax.parse("99999999999999999999y"));
    assertEquals("duration '99999999999999999999y' is too large", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DurationSyntax.parse("300000000y"));
  }

  @Test
  void formatsWithHoursAsLargestUnit() {
    assertEquals("0s", DurationSyntax.format(Duration.ZERO));
    assertEquals("500ms", DurationSyntax.format(Duration.ofMillis(500)));
    assertEquals("1m30s", DurationSyntax.format(Duration.ofSeconds(90)));
    assertEquals("2s", DurationSyntax.format(Duration.ofSeconds(2)));
    assertEquals("24h", DurationSyntax.format(Duration.ofDays(1)));
    assertEquals("1h1ms", DurationSyntax.format(Duration.ofHours(1).plusMillis(1)));
    assertEquals("1s", DurationSyntax.format(Duration.ofSeconds(1).plusNanos(999)));
  }

  @Test
  void formatThenParseGivesTheSameDuration() {
    for (String text : new String[] {"1m30s", "500ms", "2h", "25h59m59s999ms"}) {
      assertEquals(text, DurationSyntax.format(DurationSyntax.parse(text)));
    }
  }

  @Test
  void refusesToFormatNegativeDurations() {
    assertThrows(
        IllegalArgumentException.class, () -> DurationSyntax.format(Duration.ofMillis(-1)));
  }
}
