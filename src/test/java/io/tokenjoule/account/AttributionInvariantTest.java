package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.down;
import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the readings, the energy attributed to all servers plus every GPU's
 * unattributed energy equals the GPUs' energy (increases since their first reading), each server's
 * methods add up to its total, and nothing attributed ever decreases.
 *
 * <p>Random ticks over a node where {@code a} (pid 1) and {@code b} (pid 2, tensor-parallel on GPUs
 * 0 and 1) share GPU 0, {@code b} and {@code c} (pids unknown) share GPU 1, {@code d} has GPU 2 to
 * itself and GPU 3 has no server. GPUs go down and their counters restart; scrapes fail, token
 * counters stall and restart; per-process utilisation comes and goes and includes a foreign pid.
 * Equality holds up to floating-point rounding of sums of about a thousand terms (relative 1e-12).
 */
class AttributionInvariantTest {

  private final List<GpuIdentity> gpus = List.of(gpu(0), gpu(1), gpu(2), gpu(3));
  private final List<ServerSpec> servers =
      List.of(
          new ServerSpec("a", "vllm", List.of("GPU-0"), Set.of(1L)),
          new ServerSpec("b", "vllm", List.of("GPU-0", "GPU-1"), Set.of(2L)),
          new ServerSpec("c", "sglang", List.of("GPU-1")),
          new ServerSpec("d", "vllm", List.of("GPU-2"), Set.of(4L)));

  @Test
  void attributedPlusUnattributedIsTheGpusEnergyOverManyRandomTicks() {
    for (long seed = 1; seed <= 40; seed++) {
      runOnce(new Random(seed));
    }
  }

  private void runOnce(Random random) {
    Accountant accountant = new Accountant(30, gpus, servers, false);
    double[] raw = new double[gpus.size()];
    double[] first = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    Map<String, double[]> tokens = new HashMap<>();
    servers.forEach(s -> tokens.put(s.name(), new double[2]));
    double[] previousAttributed = new double[servers.size()];
    int methodsSeen = 0;
    for (int tick = 0; tick < 300; tick++) {
      double t = tick + random.nextDouble() * 0.01;
      List<GpuReading> readings = new ArrayList<>();
      for (int g = 0; g < gpus.size(); g++) {
        if (random.nextInt(20) == 0) {
          readings.add(down(gpus.get(g), t));
          continue;
        }
        raw[g] =
            random.nextInt(50) == 0
                ? random.nextDouble() * 100
                : raw[g] + random.nextDouble() * 700;
        if (Double.isNaN(first[g])) {
          first[g] = raw[g];
        }
        readings.add(up(gpus.get(g), t, raw[g]));
      }
      Map<String, ServerReading> scrapes = new HashMap<>();
      for (ServerSpec server : servers) {
        double[] counters = tokens.get(server.name());
        if (random.nextInt(30) == 0) {
          counters[0] = 0;
          counters[1] = 0;
        } else if (random.nextBoolean()) {
          counters[0] += random.nextInt(2000);
          counters[1] += random.nextInt(300);
        }
        if (random.nextInt(8) != 0) {
          scrapes.put(
              server.name(), scrape(t - random.nextDouble() * 0.05, counters[0], counters[1], 0));
        }
      }
      Map<String, ProcessUtilization> utilization = new HashMap<>();
      for (GpuIdentity gpu : gpus) {
        if (random.nextBoolean()) {
          Map<Long, Double> byPid = new HashMap<>();
          for (long pid : new long[] {1, 2, 3, 4, 99}) {
            if (random.nextBoolean()) {
              byPid.put(pid, random.nextDouble());
            }
          }
          utilization.put(gpu.uuid(), new ProcessUtilization(gpu.uuid(), byPid));
        }
      }

      AccountingSnapshot snapshot = accountant.tick(t, readings, scrapes, utilization);

      double gpuEnergy = 0;
      double unattributed = 0;
      for (int g = 0; g < gpus.size(); g++) {
        GpuAccount account = snapshot.gpus().get(g);
        if (!Double.isNaN(first[g])) {
          gpuEnergy += account.energyJoulesTotal() - first[g];
          unattributed += account.unattributedJoulesTotal();
        }
      }
      double attributed = 0;
      for (int s = 0; s < servers.size(); s++) {
        ServerAccount server = snapshot.servers().get(s);
        AttributedEnergy parts = server.attributed();
        double sum = 0;
        for (AttributionMethod method : AttributionMethod.values()) {
          sum += parts.joules(method);
          methodsSeen |= parts.joules(method) > 0 ? 1 << method.ordinal() : 0;
        }
        assertEquals(server.energyJoulesTotal(), sum, 1e-12 * sum, server.name());
        assertTrue(server.energyJoulesTotal() >= previousAttributed[s], server.name());
        previousAttributed[s] = server.energyJoulesTotal();
        attributed += server.energyJoulesTotal();
      }
      assertEquals(gpuEnergy, attributed + unattributed, 1e-12 * gpuEnergy, "tick " + tick);
    }
    assertEquals(0b1111, methodsSeen, "every method should occur");
  }
}
