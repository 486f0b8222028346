package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.scrape.CounterReader.Absent;
import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one counter-table reader every engine profile is a table for. */
class CounterReaderTest {

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }

  private static final List<Rule> SPELLED =
      Rule.inBothSpellings(
          List.of(
              Rule.of(Role.PROMPT, "e:prompt_total"),
              Rule.of(Role.GENERATED, "e:generated_total")));

  @Test
  void theColonSpellingWinsMetricByMetric() throws Exception {
    CounterReader reader = new CounterReader("model", SPELLED, "none");
    EngineCounters counters =
        reader.read(
            List.of(
                sample("e_prompt_total", 100, "model", "m"),
                sample("e:prompt_total", 7, "model", "m"),
                sample("e_generated_total", 9, "model", "m")));
    assertEquals(List.of(new ModelCounters("m", 7, 9, Double.NaN, Double.NaN)), counters.models());
  }

  @Test
  void replicasCountOncePerGroupAndGroupsAddUp() throws Exception {
    List<Rule> rules =
        List.of(
            Rule.of(Role.PROMPT, "p"),
            Rule.of(Role.GENERATED, "g"),
            Rule.of(Role.RUNNING, "r").perReplica("dp"));
    EngineCounters counters =
        new CounterReader(null, rules, "none")
            .read(
                List.of(
                    sample("p", 1),
                    sample("g", 2),
                    sample("r", 3, "dp", "0", "tp", "0"),
                    sample("r", 3, "dp", "0", "tp", "1"),
                    sample("r", 5, "dp", "1", "tp", "0")));
    assertEquals(8, counters.runningRequests());
    assertEquals(8, counters.tokenResolution());
  }

  @Test
  void fallbackTokensCountOnlyForModelsWithoutThePreferredOnes() throws Exception {
    List<Rule> rules =
        List.of(
            Rule.of(Role.PROMPT, "step_prompt"),
            Rule.of(Role.GENERATED, "step_generated"),
            Rule.of(Role.PROMPT, "end_prompt").asFallback(),
            Rule.of(Role.GENERATED, "end_generated").asFallback());
    CounterReader reader =
        new CounterReader("model", rules, Absent.ZERO_ONCE_COUNTING, m -> 0, "none");
    EngineCounters counters =
        reader.read(
            List.of(
                sample("step_prompt", 10, "model", "a"),
                sample("end_prompt", 99, "model", "a"),
                sample("end_generated", 99, "model", "a"),
                sample("end_prompt", 4, "model", "b"),
                sample("end_generated", 5, "model", "b")));
    assertEquals(
        List.of(
            new ModelCounters("a", 10, 0, Double.NaN, Double.NaN),
            new ModelCounters("b", 4, 5, Double.NaN, Double.NaN)),
        counters.models());
    MissingMetricsException half =
        assertThrows(
            MissingMetricsException.class,
            () -> reader.read(List.of(sample("end_prompt", 4, "model", "b"))));
    assertEquals("end_generated missing for model b", half.getMessage());
  }

  @Test
  void onAPageThatRegistersOnFirstUseAnySeriesMakesAModelOfZeros() throws Exception {
    List<Rule> rules =
        List.of(
            Rule.of(Role.PROMPT, "p"),
            Rule.of(Role.GENERATED, "g"),
            Rule.of(Role.REQUESTS, "r"),
            Rule.of(Role.PRESENCE, "q"));
    CounterReader reader =
        new CounterReader(
            null, rules, Absent.ZERO_ON_ENGINE_PAGE, CounterReader.PER_STEP_OR_REQUEST, "none");
    assertEquals(
        List.of(new ModelCounters(ModelCounters.UNKNOWN_MODEL, 0, 0, 0, Double.NaN)),
        reader.read(List.of(sample("q", 3))).models());
    assertEquals(
        "none",
        assertThrows(MissingMetricsException.class, () -> reader.read(List.of())).getMessage());
  }
}
