package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code energy.include: [gpu, host]}: server {@code a} on GPU 0 and {@code b} on GPU 1, each GPU
 * drawing 100 W, and the host's CPU and DRAM drawing 40 W, which every server shares.
 */
class HostEnergyAttributionTest {

  private final GpuIdentity g0 = gpu(0);
  private final GpuIdentity g1 = gpu(1);
  private final GpuIdentity host = new GpuIdentity(0, "host", "host CPU and DRAM (RAPL)");
  private final Accountant accountant =
      new Accountant(
          1000,
          List.of(g0, g1),
          List.of(host),
          List.of(
              new ServerSpec("a", "vllm", List.of(g0.uuid())),
              new ServerSpec("b", "vllm", List.of(g1.uuid()))),
          false);

  private AccountingSnapshot tick(double t, double aTokens, double bTokens) {
    Map<String, ServerReading> scrapes =
        Map.of("a", scrape(t, aTokens, 0, 0), "b", scrape(t, bTokens, 0, 0));
    return accountant.tick(
        t,
        List.of(up(g0, t, 1000 + 100 * t), up(g1, t, 1000 + 100 * t), up(host, t, 7 + 40 * t)),
        scrapes);
  }

  @Test
  void theHostIsSplitByTokensBookedAsHostAndHeldAsNoHardware() {
    tick(0, 0, 0);
    AccountingSnapshot first = tick(1, 300, 100);
    AccountingSnapshot second = tick(2, 300, 100);

    ServerAccount a = second.servers().get(0);
    ServerAccount b = second.servers().get(1);
    // Tick 1 by the token rates, 3:1; tick 2, when no token flowed, evenly.
    assertEquals(30, first.servers().get(0).attributed().hostJoules(), 1e-9);
    assertEquals(10, first.servers().get(1).attributed().hostJoules(), 1e-9);
    assertEquals(50, a.attributed().hostJoules(), 1e-9);
    assertEquals(30, b.attributed().hostJoules(), 1e-9);
    assertEquals(200 + a.attributed().hostJoules(), a.energyJoulesTotal(), 1e-9);
    assertEquals(200, a.attributed().exclusiveJoules(), 1e-9);
    assertEquals(1, a.gpuShare(), "the host is no GPU the server holds");
    assertEquals(List.of(g0, g1), second.gpus().stream().map(GpuAccount::gpu).toList());
  }

  @Test
  void withoutHostDevicesAServerIsChargedItsGpusOnly() {
    Accountant gpuOnly =
        new Accountant(
            1000, List.of(g0), List.of(new ServerSpec("a", "vllm", List.of(g0.uuid()))), false);
    gpuOnly.tick(0, List.of(up(g0, 0, 1000)), Map.of("a", scrape(0, 0, 0, 0)));
    ServerAccount a =
        gpuOnly
            .tick(1, List.of(up(g0, 1, 1100)), Map.of("a", scrape(1, 10, 0, 0)))
            .servers()
            .get(0);
    assertEquals(100, a.energyJoulesTotal(), 1e-9);
    assertEquals(0, a.attributed().hostJoules());
  }
}
