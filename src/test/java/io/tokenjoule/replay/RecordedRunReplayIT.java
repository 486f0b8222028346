package io.tokenjoule.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real H200 run (the acceptance kit's recording) replayed through the real agent: its J per
 * generated token must hold the physical truth within its own error bound in at least 90% of
 * windows, whether the server counts tokens at every decode step or once per finished batch, and no
 * page may publish NaN or infinity.
 */
class RecordedRunReplayIT {

  private static final Path RECORDING =
      Path.of("../shared/gpu-acceptance/recorded/h200-step-counting/ref.jsonl");

  /** The kit's server makes 64 tokens for each 128-token prompt. */
  private static final double GENERATED_PER_PROMPT = 0.5;

  private static final double PROMPT_PER_REQUEST = 128;

  @Test
  void stepCountingHoldsThePhysicalTruth() throws Exception {
    Recording recording = recording();
    ReplayVerdict verdict = replay(recording, recording);
    System.out.println("step counting: " + verdict.summary());
    assertTrue(verdict.coverage() >= 0.9, verdict.summary());
    assertTrue(verdict.absoluteDeviationQuantile(0.5) < 0.01, verdict.summary());
  }

  @Test
  void batchCountingHoldsThePhysicalTruth() throws Exception {
    Recording recording = recording();
    ReplayVerdict verdict = replay(recording.steppedPerBatch(GENERATED_PER_PROMPT), recording);
    System.out.println("batch counting: " + verdict.summary());
    assertTrue(verdict.coverage() >= 0.9, verdict.summary());
  }

  private static ReplayVerdict replay(Recording served, Recording truth) throws Exception {
    PhysicalTokens physical = new PhysicalTokens(truth);
    ReplayRun.Result result =
        new ReplayRun(
                served,
                new RunningRequests(truth, physical, PROMPT_PER_REQUEST),
                served.movesInLumps(physical),
                20,
                0.02,
                7)
            .run();
    assertEquals(java.util.List.of(), result.badPageLines(), "NaN or Inf on the page");
    assertTrue(result.pages() > 90, "pages read: " + result.pages());
    ReplayVerdict verdict = new ReplayVerdict(truth, physical, result.windows(), 1);
    assertTrue(verdict.judged().size() > 80, "windows judged: " + verdict.judged().size());
    return verdict;
  }

  private static Recording recording() throws Exception {
    Assumptions.assumeTrue(
        Files.isReadable(RECORDING), "the acceptance kit's recording is not beside the checkout");
    return Recording.read(RECORDING);
  }
}
