package io.tokenjoule.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.account.ShareRule.Claim;
import io.tokenjoule.account.ShareRule.Split;
import io.tokenjoule.source.ProcessUtilization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareRuleTest {

  private static final ProcessUtilization BUSY =
      new ProcessUtilization("GPU-0", Map.of(10L, 0.6, 20L, 0.2, 99L, 0.2));

  @Test
  void aServerAloneTakesTheWholeGpuWhateverElseIsKnown() {
    Split split = ShareRule.split(List.of(new Claim(Set.of(10L), 0)), BUSY);

    assertEquals(AttributionMethod.EXCLUSIVE, split.method());
    assertArrayEquals(new double[] {1}, split.shares());
  }

  @Test
  void smUtilisationSplitsByEachServersProcessesAndLeavesForeignProcessesUnclaimed() {
    Split split =
        ShareRule.split(
            List.of(new Claim(Set.of(10L), 100), new Claim(Set.of(20L, 21L), 900)), BUSY);

    assertEquals(AttributionMethod.SM_UTILIZATION, split.method());
    assertArrayEquals(new double[] {0.6, 0.2}, split.shares(), 1e-15);
  }

  @Test
  void aServerWithUnknownProcessesFallsBackToTokens() {
    Split split =
        ShareRule.split(List.of(new Claim(Set.of(10L), 100), new Claim(Set.of(), 300)), BUSY);

    assertEquals(AttributionMethod.TOKEN_SHARE, split.method());
    assertArrayEquals(new double[] {0.25, 0.75}, split.shares());
  }

  @Test
  void noSmUtilisationOfTheServersFallsBackToTokens() {
    ProcessUtilization onlyForeign = new ProcessUtilization("GPU-0", Map.of(99L, 0.9, 10L, 0.0));

    Split split =
        ShareRule.split(
            List.of(new Claim(Set.of(10L), 100), new Claim(Set.of(20L), 300)), onlyForeign);

    assertEquals(AttributionMethod.TOKEN_SHARE, split.method());
    assertArrayEquals(new double[] {0.25, 0.75}, split.shares());
  }

  @Test
  void withoutUtilisationTokensDecide() {
    Split split =
        ShareRule.split(List.of(new Claim(Set.of(10L), 300), new Claim(Set.of(20L), 100)), null);

    assertEquals(AttributionMethod.TOKEN_SHARE, split.method());
    assertArrayEquals(new double[] {0.75, 0.25}, split.shares());
  }

  @Test
  void withNeitherUtilisationNorTokensTheServersSplitEvenly() {
    Split split =
        ShareRule.split(
            List.of(new Claim(Set.of(), 0), new Claim(Set.of(), 0), new Claim(Set.of(), 0)),
            new ProcessUtilization("GPU-0", Map.of()));

    assertEquals(AttributionMethod.IDLE_EVEN, split.method());
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, split.shares());
  }
}
