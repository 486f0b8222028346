package io.tokenjoule.simulate;

import java.util.List;
import java.util.Objects;

/**
 * What a simulated inference server serves and how fast.
 *
 * @param serverName the name tokenjoule's demo configures for it
 * @param modelName the {@code model_name} label it publishes
 * @param gpuIndices the simulated GPUs it runs on (a tensor-parallel group when several)
 * @param generatedTokensPerSecond decode tokens per second at load 1
 * @param promptTokensPerGeneratedToken prompt tokens processed per generated token
 * @param generatedTokensPerRequest generated tokens in one request, on average
 * @param maxRunningRequests requests running at load 1
 * @param engineCores data-parallel engine cores; vLLM labels each one's series with {@code engine}
 * @param schedule its load over time
 */
public record EngineModel(
    String serverName,
    String modelName,
    List<Integer> gpuIndices,
    double generatedTokensPerSecond,
    double promptTokensPerGeneratedToken,
    double generatedTokensPerRequest,
    int maxRunningRequests,
    int engineCores,
    LoadSchedule schedule) {

  public EngineModel {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(schedule, "schedule");
    gpuIndices = List.copyOf(gpuIndices);
    if (gpuIndices.isEmpty()) {
      throw new IllegalArgumentException(serverName + ": a simulated server needs a GPU");
    }
    if (!(generatedTokensPerSecond > 0)
        || !(promptTokensPerGeneratedToken >= 0)
        || !(generatedTokensPerRequest >= 1)
        || maxRunningRequests < 1
        || engineCores < 1) {
      throw new IllegalArgumentException(serverName + ": simulated rates must be positive");
    }
  }
}
