package io.tokenjoule.simulate;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.simulate.LoadSchedule.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The demo's simulated node: four H100-like GPUs, a small model on GPU 0 whose load cycles through
 * busy, idle and half load, a larger one tensor-parallel on GPUs 1 and 2 with two engine cores
 * (idle for its first 8 s of each cycle, so idle power shows within seconds), and GPU 3 idle with
 * nothing on it.
 *
 * <p>Both servers spend a known energy per prompt and per generated token ({@link
 * #SMALL_TOKEN_ENERGY}, {@link #LARGE_TOKEN_ENERGY}) above their GPUs' 70 W idle, and their request
 * mix cycles on a period that does not divide their load cycle's, so the prefill/decode split can
 * be told apart from static power within the first minute or so: both loads change within 60 s and
 * both mixes several times. Every GPU stays under its 700 W limit, so energy stays linear in the
 * tokens.
 */
public final class DemoScenario {

  public static final String GPU_MODEL = "Simulated H100 80GB HBM3";

  /** Every simulated GPU's power: 70 W idle, up to 700 W. */
  public static final PowerModel H100 = new PowerModel(70, 560, 700);

  public static final String SMALL_SERVER = "sim-llama-8b";
  public static final String LARGE_SERVER = "sim-qwen-32b";

  /** How many servers {@link #world} runs: {@link #SMALL_SERVER} and {@link #LARGE_SERVER}. */
  public static final int STANDARD_SERVERS = 2;

  /** The small model's energy per token on its H100, above idle. */
  public static final TokenEnergy SMALL_TOKEN_ENERGY = new TokenEnergy(0.025, 0.2);

  /** The larger model's energy per token on its two H100s together, above idle. */
  public static final TokenEnergy LARGE_TOKEN_ENERGY = new TokenEnergy(0.08, 0.9);

  private DemoScenario() {}

  public static SimulatedWorld world(MonotonicClock clock) {
    PowerModel h100 = H100;
    EngineModel small =
        new EngineModel(
            SMALL_SERVER,
            "simulated/llama-3.1-8b-instruct",
            List.of(0),
            2400,
            MixSchedule.cycle(17, List.of(2.0, 3.5, 2.5, 4.5)),
            250,
            64,
            1,
            LoadSchedule.cycle(List.of(new Phase(60, 0.8), new Phase(20, 0), new Phase(40, 0.4))),
            SMALL_TOKEN_ENERGY);
    EngineModel large =
        new EngineModel(
            LARGE_SERVER,
            "simulated/qwen2.5-32b-instruct",
            List.of(1, 2),
            900,
            MixSchedule.cycle(13, List.of(3.0, 5.0, 4.0, 6.0)),
            400,
            32,
            2,
            LoadSchedule.cycle(
                List.of(
                    new Phase(8, 0), new Phase(50, 0.7), new Phase(20, 0.2), new Phase(40, 0.5))),
            LARGE_TOKEN_ENERGY);
    return new SimulatedWorld(
        clock,
        () -> System.currentTimeMillis() / 1000.0,
        GPU_MODEL,
        List.of(h100, h100, h100, h100),
        List.of(small, large));
  }

  /**
   * A larger node for footprint measurements: {@code gpus} GPUs and {@code servers} servers, server
   * {@code i} alone on GPU {@code i mod gpus} (servers share GPUs when there are more servers than
   * GPUs), each like the small demo server with its load cycle shifted, so that the agent works as
   * it would on a busy node. It keeps {@value #SIZED_TRUTH_SECONDS} s of truth, enough for the
   * demo's default window, so that the simulator's memory stays small beside the agent's.
   */
  public static SimulatedWorld sized(MonotonicClock clock, int gpus, int servers) {
    if (gpus < 1 || servers < 1) {
      throw new IllegalArgumentException("a sized node needs at least one GPU and one server");
    }
    PowerModel h100 = H100;
    List<EngineModel> engines = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      engines.add(
          new EngineModel(
              "sim-server-" + i,
              "simulated/model-" + i,
              List.of(i % gpus),
              2400.0 / Math.ceil((double) servers / gpus),
              MixSchedule.cycle(17, List.of(2.0, 3.5, 2.5, 4.5)),
              250,
              64,
              1,
              LoadSchedule.cycle(
                  List.of(new Phase(5 + 7 * i, 0.8), new Phase(20, 0), new Phase(40, 0.4))),
              SMALL_TOKEN_ENERGY));
    }
    return new SimulatedWorld(
        clock,
        () -> System.currentTimeMillis() / 1000.0,
        GPU_MODEL,
        Collections.nCopies(gpus, h100),
        engines,
        SIZED_TRUTH_SECONDS);
  }

  static final double SIZED_TRUTH_SECONDS = 120;
}
