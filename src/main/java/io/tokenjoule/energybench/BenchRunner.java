package io.tokenjoule.energybench;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs a {@link BenchPlan}: samples energy throughout, runs each concurrency level in turn with a
 * closed loop, and derives each level's figures. Energy must be readable before the first request
 * and must cover every level; otherwise the run fails rather than report made-up joules.
 */
public final class BenchRunner {

  private final Vertx vertx;
  private final MonotonicClock clock;
  private final EnergyMeter meter;
  private final ProgressReporter progress;

  /**
   * @param progress told of each level and request; may be null
   */
  public BenchRunner(
      Vertx vertx, MonotonicClock clock, EnergyMeter meter, ProgressReporter progress) {
    this.vertx = vertx;
    this.clock = clock;
    this.meter = meter;
    this.progress = progress;
  }

  /** Runs the plan, sampling into {@code timeline}. */
  public BenchResult run(BenchPlan plan, EnergyTimeline timeline)
      throws BenchFailure, InterruptedException {
    String startedAt = Instant.now().toString();
    List<LevelResult> levels = new ArrayList<>();
    int failures;
    try (EnergySampler sampler = new EnergySampler(meter, timeline, plan.samplePeriodSeconds());
        StreamingClient client =
            new StreamingClient(
                vertx,
                clock,
                plan.endpoint(),
                plan.apiKey(),
                plan.workloadKey().api(),
                plan.timeoutSeconds(),
                Collections.max(plan.concurrencies()))) {
      sampler.sampleNow();
      if (timeline.points().isEmpty()) {
        throw new BenchFailure("cannot read GPU energy: " + sampler.lastFailure());
      }
      sampler.start();
      RequestBodies bodies =
          new RequestBodies(
              plan.workloadKey().model(), plan.workloadKey().api(), plan.workloadKey().ignoreEos());
      for (int concurrency : plan.concurrencies()) {
        if (progress != null) {
          progress.level(concurrency, plan.workload().requests());
        }
        LoadGenerator load =
            new LoadGenerator(
                client,
                bodies,
                plan.workload(),
                concurrency,
                outcome -> {
                  if (progress != null) {
                    progress.finished(outcome);
                  }
                });
        List<RequestOutcome> outcomes;
        try {
          outcomes = load.start().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("the load generator failed", e.getCause());
        }
        sampler.sampleNow();
        LevelResult level = LevelResult.of(concurrency, outcomes, timeline);
        if (!timeline.covers(level.whole().fromSeconds(), level.whole().toSeconds())) {
          throw new BenchFailure(
              "energy samples do not cover concurrency "
                  + concurrency
                  + " ("
                  + sampler.failures()
                  + " reads failed, last: "
                  + sampler.lastFailure()
                  + ")");
        }
        levels.add(level);
      }
      failures = sampler.failures();
    }
    List<EnergyTimeline.Point> points = timeline.points();
    return new BenchResult(
        plan.workloadKey(),
        plan.baseUrl().toString(),
        plan.dataset(),
        plan.workload().requests(),
        meter.sourceLabel(),
        meter.location(),
        meter.gpus(),
        plan.samplePeriodSeconds(),
        points.get(0).seconds(),
        startedAt,
        levels,
        points,
        failures);
  }
}
