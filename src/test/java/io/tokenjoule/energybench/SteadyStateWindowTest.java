package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SteadyStateWindowTest {

  private static RequestOutcome request(int index, double start, double end) {
    return new RequestOutcome(
        index, start, Double.NaN, end, 1, 1, -1, new double[0], false, 1, null, null);
  }

  @Test
  void opensWhenTheTargetIsFirstReachedAndClosesAtTheLastStart() {
    // Concurrency 3: requests start at 0, 0.5 and 1.0 (target reached at 1.0), one ends at 2.0
    // and the next starts at 2.0, and so on; the last starts at 4.0.
    List<RequestOutcome> outcomes =
        List.of(
            request(0, 0.0, 2.0),
            request(1, 0.5, 3.0),
            request(2, 1.0, 3.5),
            request(3, 2.0, 5.0),
            request(4, 3.0, 6.0),
            request(5, 4.0, 7.0));
    SteadyStateWindow window = SteadyStateWindow.of(outcomes, 3).orElseThrow();
    assertEquals(1.0, window.startSeconds());
    assertEquals(4.0, window.endSeconds());
    assertEquals(3.0, window.seconds());
  }

  @Test
  void aRequestEndingWhenAnotherStartsFreesItsSlotFirst() {
    // Concurrency 2 is first reached at 1.5, not at 1.0 where one ends as another starts.
    List<RequestOutcome> outcomes =
        List.of(
            request(0, 0.0, 1.0), request(1, 1.0, 3.0), request(2, 1.5, 4.0), request(3, 2.0, 5.0));
    assertEquals(1.5, SteadyStateWindow.of(outcomes, 2).orElseThrow().startSeconds());
  }

  @Test
  void noWindowWhenTheTargetIsNeverReachedOrNothingStartsAfter() {
    List<RequestOutcome> sequential = List.of(request(0, 0, 1), request(1, 1, 2), request(2, 2, 3));
    assertEquals(Optional.empty(), SteadyStateWindow.of(sequential, 2));
    List<RequestOutcome> allAtOnce =
        List.of(request(0, 0, 1), request(1, 0.1, 1), request(2, 0.2, 1));
    assertTrue(SteadyStateWindow.of(allAtOnce, 3).isEmpty());
  }
}
