package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.ProcessUtilization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Servers {@code a} (pid 10) and {@code b} (pid 20) share GPU 0, which draws 100 W; GPU 1 has no
 * server and draws 50 W.
 */
class SharedGpuAttributionTest {

  private final GpuIdentity g0 = gpu(0);
  private final GpuIdentity g1 = gpu(1);
  private final Accountant accountant =
      new Accountant(
          1000,
          List.of(g0, g1),
          List.of(
              new ServerSpec("a", "vllm", List.of(g0.uuid()), Set.of(10L)),
              new ServerSpec("b", "vllm", List.of(g0.uuid()), Set.of(20L))),
          false);

  /** GPUs read at {@code t}; each server scraped at {@code serverTime} with the given tokens. */
  private AccountingSnapshot tick(
      double t,
      double serverTime,
      double aTokens,
      double bTokens,
      Map<String, ProcessUtilization> utilization) {
    Map<String, ServerReading> scrapes =
        Map.of(
            "a", scrape(serverTime, aTokens, 0, 0),
            "b", scrape(serverTime, bTokens, 0, 0));
    return accountant.tick(
        t, List.of(up(g0, t, 1000 + 100 * t), up(g1, t, 500 + 50 * t)), scrapes, utilization);
  }

  private Map<String, ProcessUtilization> sm(double a, double b, double foreign) {
    return Map.of(
        g0.uuid(), new ProcessUtilization(g0.uuid(), Map.of(10L, a, 20L, b, 99L, foreign)));
  }

  @Test
  void smUtilisationSplitsTheGpuAndForeignProcessesAndServerlessGpusStayUnattributed() {
    tick(0, 0, 0, 0, Map.of());
    AccountingSnapshot s = tick(1, 1, 100, 100, sm(0.5, 0.3, 0.2));

    ServerAccount a = s.servers().get(0);
    ServerAccount b = s.servers().get(1);
    assertEquals(50, a.energyJoulesTotal(), 1e-12);
    assertEquals(50, a.attributed().smUtilizationJoules(), 1e-12);
    assertEquals(30, b.attributed().smUtilizationJoules(), 1e-12);
    assertEquals(0, b.attributed().tokenShareJoules());
    assertEquals(20, s.gpus().get(0).unattributedJoulesTotal(), 1e-12);
    assertEquals(50, s.gpus().get(1).unattributedJoulesTotal());
  }

  @Test
  void withoutUtilisationTheTokenRatesSplitAndAnIdleTickSplitsEvenly() {
    tick(0, 0, 0, 0, Map.of());
    tick(1, 1, 300, 100, Map.of());
    AccountingSnapshot s = tick(2, 2, 300, 100, Map.of());

    ServerAccount a = s.servers().get(0);
    ServerAccount b = s.servers().get(1);
    assertEquals(75, a.attributed().tokenShareJoules(), 1e-12);
    assertEquals(25, b.attributed().tokenShareJoules(), 1e-12);
    assertEquals(50, a.attributed().idleEvenJoules());
    assertEquals(50, b.attributed().idleEvenJoules());
    assertEquals(125, a.energyJoulesTotal(), 1e-12);
    assertEquals(0, s.gpus().get(0).unattributedJoulesTotal());
  }

  /**
   * Shares alternate 0.8/0.2 and 0.2/0.8 tick by tick, and the servers read their tokens 0.25 s
   * before the GPUs are read. Server {@code a}'s interval (k − 0.25, k + 0.75] holds 25 J of tick k
   * at that tick's share and 75 J of tick k + 1 at its share; the anchors must find exactly that,
   * not the even split a fixed share would give.
   */
  @Test
  void anchorsFollowSharesThatChangeEveryTick() {
    double expectedA = 0;
    double expectedB = 0;
    tick(0, -0.25, 0, 0, Map.of());
    for (int t = 1; t <= 9; t++) {
      double aShare = t % 2 == 1 ? 0.8 : 0.2;
      tick(t, t - 0.25, 10 * t, 10 * t, sm(aShare, 1 - aShare, 0));
      if (t >= 2) {
        // Anchors start at t = 1, once the GPU's power is known.
        double previous = 1 - aShare;
        expectedA += 25 * previous + 75 * aShare;
        expectedB += 25 * (1 - previous) + 75 * (1 - aShare);
      }
    }
    AccountingSnapshot s = tick(10, 9.75, 100, 100, sm(0.2, 0.8, 0));
    expectedA += 25 * 0.8 + 75 * 0.2;
    expectedB += 25 * 0.2 + 75 * 0.8;

    assertEquals(expectedA, s.servers().get(0).window().energyJoules(), 1e-9);
    assertEquals(expectedB, s.servers().get(1).window().energyJoules(), 1e-9);
    assertEquals(900, expectedA + expectedB, 1e-9);
  }

  /**
   * A failed scrape keeps the server's last token rate for five of its scrape intervals, then it
   * counts as producing nothing.
   */
  @Test
  void aServerWhoseScrapesFailKeepsItsTokenShareBrieflyThenLosesIt() {
    tick(0, 0, 0, 0, Map.of());
    tick(1, 1, 100, 300, Map.of());
    for (int t = 2; t <= 8; t++) {
      accountant.tick(
          t,
          List.of(up(g0, t, 1000 + 100 * t), up(g1, t, 500 + 50 * t)),
          Map.of("b", scrape(t, 300 * t, 0, 0)),
          Map.of());
    }
    AccountingSnapshot s =
        accountant.tick(9, List.of(up(g0, 9, 1900), up(g1, 9, 950)), Map.of(), Map.of());

    // t = 1 to 6: a holds 100 of 400 tokens/s; t = 7 and 8: a's rate is 6 and 7 s old, b takes
    // all; t = 9: b's scrape fails too, but its rate is only 1 s old: b still takes all.
    assertEquals(6 * 25, s.servers().get(0).energyJoulesTotal(), 1e-9);
    assertEquals(6 * 75 + 300, s.servers().get(1).energyJoulesTotal(), 1e-9);
    assertEquals(6 * 75 + 300, s.servers().get(1).attributed().tokenShareJoules(), 1e-9);
  }

  @Test
  void processUtilisationIsWantedOnlyWhereServersWithKnownPidsShareAGpu() {
    assertTrue(accountant.usesProcessUtilization());
    assertFalse(
        new Accountant(
                10,
                List.of(g0, g1),
                List.of(
                    new ServerSpec("a", "vllm", List.of(g0.uuid()), Set.of(10L)),
                    new ServerSpec("b", "vllm", List.of(g0.uuid())),
                    new ServerSpec("c", "vllm", List.of(g1.uuid()), Set.of(30L))),
                false)
            .usesProcessUtilization());
  }
}
