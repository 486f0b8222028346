package io.tokenjoule.simulate;

import java.util.List;
import java.util.Objects;

/**
 * What a simulated inference server serves and how fast, and how its GPUs spend energy on it.
 *
 * @param serverName the name tokenjoule's demo configures for it
 * @param modelName the {@code model_name} label it publishes
 * @param gpuIndices the simulated GPUs it runs on (a tensor-parallel group when several)
 * @param generatedTokensPerSecond decode tokens per second at load 1
 * @param promptMix prompt tokens processed per generated token, over time
 * @param generatedTokensPerRequest generated tokens in one request, on average
 * @param maxRunningRequests requests running at load 1
 * @param engineCores data-parallel engine cores; vLLM labels each one's series with {@code engine}
 * @param schedule its load over time
 * @param tokenEnergy its GPUs' energy per token above idle; null when they draw power by load
 *     instead, {@code wattsPerLoad × load} above idle as their {@link PowerModel} says
 */
public record EngineModel(
    String serverName,
    String modelName,
    List<Integer> gpuIndices,
    double generatedTokensPerSecond,
    MixSchedule promptMix,
    double generatedTokensPerRequest,
    int maxRunningRequests,
    int engineCores,
    LoadSchedule schedule,
    TokenEnergy tokenEnergy) {

  public EngineModel {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(promptMix, "promptMix");
    Objects.requireNonNull(schedule, "schedule");
    gpuIndices = List.copyOf(gpuIndices);
    if (gpuIndices.isEmpty()) {
      throw new IllegalArgumentException(serverName + ": a simulated server needs a GPU");
    }
    if (!(generatedTokensPerSecond > 0)
        || !(generatedTokensPerRequest >= 1)
        || maxRunningRequests < 1
        || engineCores < 1) {
      throw new IllegalArgumentException(serverName + ": simulated rates must be positive");
    }
  }

  /**
   * A server with a fixed mix of {@code promptTokensPerGeneratedToken} whose GPUs draw power by
   * load.
   */
  public EngineModel(
      String serverName,
      String modelName,
      List<Integer> gpuIndices,
      double generatedTokensPerSecond,
      double promptTokensPerGeneratedToken,
      double generatedTokensPerRequest,
      int maxRunningRequests,
      int engineCores,
      LoadSchedule schedule) {
    this(
        serverName,
        modelName,
        gpuIndices,
        generatedTokensPerSecond,
        fixedMix(serverName, promptTokensPerGeneratedToken),
        generatedTokensPerRequest,
        maxRunningRequests,
        engineCores,
        schedule,
        null);
  }

  private static MixSchedule fixedMix(String serverName, double promptTokensPerGeneratedToken) {
    if (!(promptTokensPerGeneratedToken >= 0)) {
      throw new IllegalArgumentException(serverName + ": simulated rates must be positive");
    }
    return MixSchedule.constant(promptTokensPerGeneratedToken);
  }
}
