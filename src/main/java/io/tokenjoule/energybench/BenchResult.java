package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole run: the workload, where energy came from, every request sent and one {@link LevelResult}
 * per concurrency level, in the order run.
 *
 * @param url the API base URL
 * @param dataset the dataset path, or null with synthetic prompts
 * @param requests requests per level
 * @param prefixes how prompts were made distinct (the seed)
 * @param energySource {@code nvml}, {@code agent} or {@code simulated}
 * @param energyUrl the agent's metrics URL, or null
 * @param gpus the GPUs measured
 * @param samplePeriodSeconds the energy sampling period
 * @param originSeconds the monotonic instant that result.json's times count from
 * @param startedAt wall-clock start, ISO 8601
 * @param probe the request that checked the endpoint before anything was measured
 * @param warmUp the unmeasured warm-up requests
 * @param levels the measured levels
 * @param timeline the points energy is interpolated through
 * @param energySamples energy reads taken
 * @param energySampleFailures energy reads that failed
 * @param connectionReuse why connections stopped being reused, or null when they never did
 * @param maxUncertainty the relative energy uncertainty a level may have, as a fraction
 * @param problems why the result cannot be trusted; empty when it can
 */
public record BenchResult(
    WorkloadKey workload,
    String url,
    String dataset,
    int requests,
    PromptPrefixes prefixes,
    String energySource,
    String energyUrl,
    List<String> gpus,
    double samplePeriodSeconds,
    double originSeconds,
    String startedAt,
    RequestOutcome probe,
    List<RequestOutcome> warmUp,
    List<LevelResult> levels,
    List<EnergyTimeline.Point> timeline,
    int energySamples,
    int energySampleFailures,
    String connectionReuse,
    double maxUncertainty,
    List<String> problems) {

  public BenchResult {
    gpus = List.copyOf(gpus);
    warmUp = List.copyOf(warmUp);
    levels = List.copyOf(levels);
    timeline = List.copyOf(timeline);
    problems = List.copyOf(problems);
  }

  /** Whether every level's figures passed {@link MeasurementCheck}. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /** One request as sent: its phase, the level's concurrency (0 outside levels) and outcome. */
  public record SentRequest(RequestPhase phase, int concurrency, RequestOutcome outcome) {}

  /** Every request bench sent, in the order of phases: probe, warm-up, then each level. */
  public List<SentRequest> sent() {
    List<SentRequest> all = new ArrayList<>();
    all.add(new SentRequest(RequestPhase.PROBE, 0, probe));
    warmUp.forEach(o -> all.add(new SentRequest(RequestPhase.WARM_UP, 0, o)));
    for (LevelResult level : levels) {
      level
          .outcomes()
          .forEach(o -> all.add(new SentRequest(RequestPhase.MEASURED, level.concurrency(), o)));
    }
    return all;
  }
}
