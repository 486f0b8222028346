package io.tokenjoule.energybench;

import java.util.List;

/**
 * A whole run: the workload, where energy came from, and one {@link LevelResult} per concurrency
 * level, in the order run.
 *
 * @param url the API base URL
 * @param dataset the dataset path, or null with synthetic prompts
 * @param requests requests per level
 * @param energySource {@code nvml}, {@code agent} or {@code simulated}
 * @param energyUrl the agent's metrics URL, or null
 * @param gpus the GPUs measured
 * @param samplePeriodSeconds the energy sampling period
 * @param originSeconds the monotonic instant that result.json's times count from
 * @param startedAt wall-clock start, ISO 8601
 * @param timeline every energy sample of the run
 * @param energySampleFailures energy reads that failed
 */
public record BenchResult(
    WorkloadKey workload,
    String url,
    String dataset,
    int requests,
    String energySource,
    String energyUrl,
    List<String> gpus,
    double samplePeriodSeconds,
    double originSeconds,
    String startedAt,
    List<LevelResult> levels,
    List<EnergyTimeline.Point> timeline,
    int energySampleFailures) {

  public BenchResult {
    gpus = List.copyOf(gpus);
    levels = List.copyOf(levels);
    timeline = List.copyOf(timeline);
  }
}
