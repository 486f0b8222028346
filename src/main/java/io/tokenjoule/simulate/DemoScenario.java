package io.tokenjoule.simulate;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.simulate.LoadSchedule.Phase;
import java.util.List;

/**
 * The demo's simulated node: four H100-like GPUs, a small model on GPU 0 whose load cycles through
 * busy, idle and half load, a larger one tensor-parallel on GPUs 1 and 2 with two engine cores, and
 * GPU 3 idle with nothing on it.
 */
public final class DemoScenario {

  public static final String GPU_MODEL = "Simulated H100 80GB HBM3";
  public static final String SMALL_SERVER = "sim-llama-8b";
  public static final String LARGE_SERVER = "sim-qwen-32b";

  private DemoScenario() {}

  public static SimulatedWorld world(MonotonicClock clock) {
    PowerModel h100 = new PowerModel(70, 560, 700);
    EngineModel small =
        new EngineModel(
            SMALL_SERVER,
            "simulated/llama-3.1-8b-instruct",
            List.of(0),
            2400,
            3.0,
            250,
            64,
            1,
            LoadSchedule.cycle(List.of(new Phase(90, 0.8), new Phase(30, 0), new Phase(60, 0.4))));
    EngineModel large =
        new EngineModel(
            LARGE_SERVER,
            "simulated/qwen2.5-32b-instruct",
            List.of(1, 2),
            900,
            4.0,
            400,
            32,
            2,
            LoadSchedule.cycle(List.of(new Phase(120, 0.7), new Phase(20, 0.2))));
    return new SimulatedWorld(
        clock,
        () -> System.currentTimeMillis() / 1000.0,
        GPU_MODEL,
        List.of(h100, h100, h100, h100),
        List.of(small, large));
  }
}
