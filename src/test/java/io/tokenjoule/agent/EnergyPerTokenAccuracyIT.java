package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent over real HTTP against a simulated vLLM (TP=2, two engine cores) on simulated GPUs
 * whose energy counters move every 100 ms: over a steady window its J/token must match the
 * simulator's ground truth within 0.5%, and the truth must lie inside its own error bound.
 */
class EnergyPerTokenAccuracyIT {

  // 2 GPUs at 60 + 540 × 0.75 = 465 W each; 2000 × 0.75 = 1500 generated tokens/s, 2 prompt
  // tokens per generated token, 200 generated tokens per request.
  private static final double WATTS = 2 * (60 + 540 * 0.75);
  private static final double GENERATED_PER_SECOND = 2000 * 0.75;
  private static final double EXPECTED_J_PER_GENERATED = WATTS / GENERATED_PER_SECOND;
  private static final double EXPECTED_J_PER_TOKEN = WATTS / (3 * GENERATED_PER_SECOND);
  private static final double EXPECTED_J_PER_REQUEST = WATTS / (GENERATED_PER_SECOND / 200);

  @Test
  void steadyWindowMatchesTheGroundTruth() throws Exception {
    EngineModel vllm =
        new EngineModel(
            "sim", "org/model-7b", List.of(0, 1), 2000, 2, 200, 64, 2, LoadSchedule.constant(0.75));
    PowerModel h100 = new PowerModel(60, 540, 700);
    SimulatedWorld world =
        new SimulatedWorld(
            MonotonicClock.SYSTEM, () -> 1.7e9, "Sim H100", List.of(h100, h100), List.of(vllm));
    try (AgentHarness harness =
        new AgentHarness(world, Duration.ofMillis(500), Duration.ofSeconds(20), w -> List.of())) {
      Thread.sleep(23_000);
      MetricsPage page = harness.metrics();
      AccountingSnapshot snapshot = harness.agent.latest();
      ServerAccount server = snapshot.servers().get(0);
      GroundTruth truth =
          world.truthBetween(
              "sim",
              snapshot.timestampSeconds() - server.window().coveredSeconds(),
              snapshot.timestampSeconds());
      assertEquals(EXPECTED_J_PER_GENERATED, truth.joulesPerGeneratedToken(), 1e-9);

      double generated =
          page.require(
              "tokenjoule_energy_per_token_joules",
              "server",
              "sim",
              "kind",
              "generated",
              "source",
              "simulated");
      double all =
          page.require("tokenjoule_energy_per_token_joules", "server", "sim", "kind", "all");
      double bound =
          page.require(
              "tokenjoule_energy_per_token_uncertainty_ratio",
              "server",
              "sim",
              "kind",
              "generated");
      double perRequest = page.require("tokenjoule_energy_per_request_joules", "server", "sim");

      assertEquals(
          EXPECTED_J_PER_GENERATED, generated, 0.005 * EXPECTED_J_PER_GENERATED, page.text());
      assertEquals(EXPECTED_J_PER_TOKEN, all, 0.005 * EXPECTED_J_PER_TOKEN);
      assertTrue(
          Math.abs(generated / EXPECTED_J_PER_GENERATED - 1) <= bound,
          "error " + (generated / EXPECTED_J_PER_GENERATED - 1) + " outside the bound " + bound);
      // 2.4%: most of it the power-lag term (τ × the tick-to-tick change in power at the ends)
      assertTrue(bound < 0.03, "a steady 20 s window should be tight, bound " + bound);
      // Requests finish in whole numbers: 150 in the window, one off at each end at most.
      assertEquals(EXPECTED_J_PER_REQUEST, perRequest, 0.02 * EXPECTED_J_PER_REQUEST);
      assertTrue(
          server.window().coveredSeconds() >= 19, "covered " + server.window().coveredSeconds());
    }
  }
}
