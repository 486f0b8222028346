package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelAdmissionTest {

  private static EngineCounters models(String prefix, int count) {
    return new EngineCounters(
        IntStream.range(0, count).mapToObj(i -> new ModelCounters(prefix + i, 1, 1, 1, 1)).toList(),
        0,
        false);
  }

  private static List<String> names(EngineCounters counters) {
    return counters.models().stream().map(ModelCounters::model).toList();
  }

  @Test
  void theFirstScrapeFillsTheLimitLaterOnesAddAFewAtATime() {
    ModelAdmission admission = new ModelAdmission(4, 1);
    DropCounts drops = new DropCounts();
    assertEquals(List.of("a0", "a1", "a2", "a3"), names(admission.admit(models("a", 6), drops)));
    assertEquals(Map.of(DropReason.MODELS, 2L), drops.snapshot());

    // All new names: only one is admitted per scrape.
    DropCounts churn = new DropCounts();
    assertEquals(List.of("b0"), names(admission.admit(models("b", 200), churn)));
    assertEquals(Map.of(DropReason.NEW_MODELS, 199L), churn.snapshot());
  }

  @Test
  void modelsThatStayKeepTheirPlace() {
    ModelAdmission admission = new ModelAdmission(2, 1);
    admission.admit(models("a", 2), new DropCounts());
    EngineCounters page =
        new EngineCounters(
            List.of(
                new ModelCounters("a0", 2, 2, 2, 2),
                new ModelCounters("a1", 2, 2, 2, 2),
                new ModelCounters("new", 2, 2, 2, 2)),
            0,
            false);
    DropCounts drops = new DropCounts();
    assertEquals(List.of("a0", "a1"), names(admission.admit(page, drops)));
    assertEquals(Map.of(DropReason.MODELS, 1L), drops.snapshot());
  }
}
