package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountantTest {

  private final GpuIdentity g0 = gpu(0);
  private final GpuIdentity g1 = gpu(1);

  private static String rejection(Runnable construction) {
    return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
  }

  @Test
  void rejectsANonPositiveWindow() {
    assertEquals(
        "the window must be finite and > 0 seconds, got 0.0",
        rejection(() -> new Accountant(0, List.of(g0), List.of(), false)));
    assertEquals(
        "the window must be finite and > 0 seconds, got NaN",
        rejection(() -> new Accountant(Double.NaN, List.of(g0), List.of(), false)));
  }

  @Test
  void rejectsDuplicateServerNames() {
    ServerSpec spec = new ServerSpec("llama", "vllm", List.of(g0.uuid()));
    assertEquals(
        "server name llama is used twice",
        rejection(() -> new Accountant(60, List.of(g0), List.of(spec, spec), false)));
  }

  @Test
  void rejectsAServerOnAnUnknownGpu() {
    ServerSpec spec = new ServerSpec("llama", "vllm", List.of(g0.uuid(), "GPU-9"));
    assertEquals(
        "server llama runs on GPU GPU-9, which is not among the GPUs read: [GPU-0]",
        rejection(() -> new Accountant(60, List.of(g0), List.of(spec), false)));
  }

  @Test
  void rejectsAServerListingAGpuTwiceAndAGpuListedTwice() {
    ServerSpec spec = new ServerSpec("llama", "vllm", List.of(g0.uuid(), g0.uuid()));
    assertEquals(
        "server llama lists GPU GPU-0 twice",
        rejection(() -> new Accountant(60, List.of(g0), List.of(spec), false)));
    assertEquals(
        "GPU GPU-0 is listed twice",
        rejection(() -> new Accountant(60, List.of(g0, g0), List.of(), false)));
  }

  @Test
  void aRejectedTickChangesNothing() {
    Accountant accountant =
        new Accountant(
            60, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);
    accountant.tick(-1, List.of(up(g0, -1, 700)), Map.of());
    accountant.tick(0, List.of(up(g0, 0, 1000)), Map.of("s", scrape(0, 0, 0, 0)));

    assertEquals(
        "a scrape came for unknown server other",
        rejection(
            () ->
                accountant.tick(
                    1, List.of(up(g0, 1, 1300)), Map.of("other", scrape(1, 0, 100, 0)))));
    assertEquals(
        "a reading came for unknown GPU GPU-1",
        rejection(() -> accountant.tick(1, List.of(up(g1, 1, 1300)), Map.of())));
    assertEquals(
        "two readings came for GPU GPU-0 in one tick",
        rejection(() -> accountant.tick(1, List.of(up(g0, 1, 1), up(g0, 1, 2)), Map.of())));

    AccountingSnapshot next =
        accountant.tick(1, List.of(up(g0, 1, 1300)), Map.of("s", scrape(1, 0, 100, 1)));
    assertEquals(1300, next.gpus().get(0).energyJoulesTotal());
    assertEquals(0, next.gpus().get(0).counterResets());
    assertEquals(600, next.servers().get(0).energyJoulesTotal());
    assertEquals(3, next.servers().get(0).window().joulesPerGeneratedToken());
  }

  @Test
  void listsGpusAndServersInConfigurationOrder() {
    Accountant accountant =
        new Accountant(
            60,
            List.of(g1, g0),
            List.of(
                new ServerSpec("zeta", "sglang", List.of(g0.uuid())),
                new ServerSpec("alpha", "vllm", List.of(g1.uuid()))),
            false);

    AccountingSnapshot snapshot =
        accountant.tick(7.5, List.of(up(g0, 7.5, 1), up(g1, 7.5, 2)), Map.of());

    assertEquals(7.5, snapshot.timestampSeconds());
    assertEquals(List.of(g1, g0), snapshot.gpus().stream().map(GpuAccount::gpu).toList());
    assertEquals(
        List.of("zeta", "alpha"), snapshot.servers().stream().map(ServerAccount::name).toList());
    assertEquals(
        List.of("sglang", "vllm"), snapshot.servers().stream().map(ServerAccount::engine).toList());
  }

  @Test
  void runningRequestsAndSimulatedComeFromTheLastSuccessfulScrape() {
    Accountant accountant =
        new Accountant(
            60, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), false);
    ServerAccount before = accountant.tick(0, List.of(up(g0, 0, 0)), Map.of()).servers().get(0);
    assertFalse(before.up());
    assertEquals(Double.NaN, before.runningRequests());
    assertFalse(before.simulated());
    assertEquals(List.of(), before.models());

    ServerReading simulatedPage =
        new ServerReading(
            1,
            0,
            new EngineCounters(
                List.of(new ModelCounters("a", 1, 2, 3, 4), new ModelCounters("b", 1, 2, 3, 5)),
                9,
                true));
    ServerAccount scraped =
        accountant.tick(1, List.of(up(g0, 1, 10)), Map.of("s", simulatedPage)).servers().get(0);
    assertTrue(scraped.up());
    assertEquals(9, scraped.runningRequests());
    assertTrue(scraped.simulated());

    ServerAccount failed = accountant.tick(2, List.of(up(g0, 2, 20)), Map.of()).servers().get(0);
    assertFalse(failed.up());
    assertEquals(9, failed.runningRequests());
    assertTrue(failed.simulated());
  }

  @Test
  void simulatedGpusMakeEveryServerSimulated() {
    Accountant accountant =
        new Accountant(
            60, List.of(g0), List.of(new ServerSpec("s", "vllm", List.of(g0.uuid()))), true);

    ServerAccount s =
        accountant.tick(0, List.of(up(g0, 0, 0)), Map.of("s", scrape(0, 0, 0, 0))).servers().get(0);

    assertTrue(s.simulated());
  }
}
