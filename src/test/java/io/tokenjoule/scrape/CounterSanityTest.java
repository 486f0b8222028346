package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CounterSanityTest {

  private final CounterSanity sanity = new CounterSanity(1_000_000);

  private static ServerReading reading(double t, double prompt, double generated) {
    return new ServerReading(
        t,
        0.001,
        new EngineCounters(
            List.of(new ModelCounters("m", prompt, generated, Double.NaN, 1)), 0, false));
  }

  @Test
  void steadyCountingAndRestartsPass() {
    assertEquals(Optional.empty(), sanity.check(reading(0, 1e9, 2e9)));
    assertEquals(Optional.empty(), sanity.check(reading(1, 1e9 + 500_000, 2e9 + 900_000)));
    // A restart: the counter starts again from zero; its new value is the increase.
    assertEquals(Optional.empty(), sanity.check(reading(2, 300, 700)));
    // A lump of 900,000 tokens 0.1 s after the last reading is judged over a whole second.
    assertEquals(Optional.empty(), sanity.check(reading(2.1, 300, 900_700)));
  }

  @Test
  void aOneScrapeJumpIsRefusedAndTheCounterComingBackIsReadAsIfItNeverHappened() {
    assertEquals(Optional.empty(), sanity.check(reading(0, 100, 5000)));
    Optional<String> jump = sanity.check(reading(1, 100, 5000 + 1e12));
    assertTrue(jump.isPresent());
    assertTrue(
        jump.get().contains("model m: generated tokens rose by 1000000000000 in 1.0 s"),
        jump.get());
    assertTrue(jump.get().contains("scrape.max_tokens_per_second (1000000)"), jump.get());
    // Back to normal: checked against the reading before the glitch, over the 2 s since.
    assertEquals(Optional.empty(), sanity.check(reading(2, 150, 5200)));
    // A glitch that stays is refused every time.
    assertTrue(sanity.check(reading(3, 150, 9e12)).isPresent());
    assertTrue(sanity.check(reading(4, 160, 9e12 + 10)).isPresent());
  }

  @Test
  void valuesPastTwoToThe53AreRefusedEvenOnTheFirstReading() {
    Optional<String> huge = sanity.check(reading(0, 1e308, 10));
    assertEquals(
        Optional.of(
            "model m: prompt tokens reads 1.0E308, past 2^53 where a counter no longer counts"
                + " whole units"),
        huge);
    assertEquals(Optional.empty(), sanity.check(reading(1, 10, 10)));
  }

  @Test
  void aModelMissingFromOneReadingIsStillCheckedWhenItReturns() {
    ServerReading both =
        new ServerReading(
            0,
            0.001,
            new EngineCounters(
                List.of(
                    new ModelCounters("a", 10, 10, Double.NaN, 0),
                    new ModelCounters("b", 10, 10, Double.NaN, 0)),
                0,
                false));
    assertEquals(Optional.empty(), sanity.check(both));
    ServerReading onlyA =
        new ServerReading(
            1,
            0.001,
            new EngineCounters(List.of(new ModelCounters("a", 20, 20, Double.NaN, 0)), 0, false));
    assertEquals(Optional.empty(), sanity.check(onlyA));
    ServerReading bJumps =
        new ServerReading(
            2,
            0.001,
            new EngineCounters(List.of(new ModelCounters("b", 10, 1e11, Double.NaN, 0)), 0, false));
    assertTrue(sanity.check(bJumps).isPresent());
  }
}
