package io.tokenjoule.energybench;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs a {@link BenchPlan}: one probe request (the endpoint must answer it), a warm-up (by default
 * one request per slot of the highest level), then each concurrency level in turn as a closed loop,
 * sampling energy throughout and once more at each steady-state window edge, and derives each
 * level's figures. Energy must be readable before the first measured request and must cover every
 * level; otherwise the run fails rather than report made-up joules.
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

  /**
   * One request before anything is measured, as a check that the endpoint answers as expected and
   * to open the first connection: a wrong URL or model fails the run at once with the server's
   * reason, instead of as a run of failed requests. Not part of any figure.
   */
  private static void probe(StreamingClient client, RequestBodies bodies, Workload workload)
      throws BenchFailure, InterruptedException {
    RequestOutcome probe;
    try {
      probe =
          client
              .send(-1, bodies.body(workload.prompt(0), workload.maxTokens(0)))
              .toCompletionStage()
              .toCompletableFuture()
              .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a request outcome never fails", e.getCause());
    }
    if (!probe.succeeded()) {
      throw new BenchFailure(
          "the first request failed, so nothing was measured: "
              + probe.error().label()
              + ": "
              + probe.errorDetail());
    }
  }

  /**
   * The plan's warm-up requests (by default as many as the highest level keeps in flight), sent
   * together and not measured: the connections of the pool are open and both ends are warm before
   * the first level, so the first level's ramp-up is not a cold start. Their outcomes are dropped;
   * a server that fails them will fail the measured requests too, and those are counted.
   */
  private static void warmUp(StreamingClient client, RequestBodies bodies, BenchPlan plan)
      throws InterruptedException {
    int requests = plan.warmUpRequests();
    if (requests == 0) {
      return;
    }
    Workload warmUp =
        new Workload(plan.workload().prompts(), requests, plan.workload().maxTokens());
    try {
      new LoadGenerator(client, bodies, warmUp, requests, outcome -> {}, () -> {}).start().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the warm-up failed", e.getCause());
    }
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
      RequestBodies bodies =
          new RequestBodies(
              plan.workloadKey().model(), plan.workloadKey().api(), plan.workloadKey().ignoreEos());
      probe(client, bodies, plan.workload());
      warmUp(client, bodies, plan);
      sampler.sampleNow();
      if (timeline.points().isEmpty()) {
        throw new BenchFailure("cannot read GPU energy: " + sampler.lastFailure());
      }
      sampler.start();
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
                },
                sampler::sampleSoon);
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
