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

  /** How long the probe's connection is given to show whether the server closes it at once. */
  private static final long SETTLE_MILLIS = 200;

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
   * reason, instead of as a run of failed requests. Not part of any figure, but recorded.
   */
  private static RequestOutcome probe(StreamingClient client, RequestBodies bodies, BenchPlan plan)
      throws BenchFailure, InterruptedException {
    Workload workload = plan.workload();
    RequestOutcome probe;
    try {
      probe =
          client
              .send(
                  0,
                  bodies.body(
                      plan.prefixes().apply(workload.prompt(0), RequestPhase.PROBE, 0, 0),
                      workload.maxTokens(0)))
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
    return probe;
  }

  /**
   * The plan's warm-up requests (by default as many as the highest level keeps in flight), sent
   * together and not measured: the connections of the pool are open and both ends are warm before
   * the first level, so the first level's ramp-up is not a cold start. A server that fails them
   * will fail the measured requests too, and those are counted.
   */
  private static List<RequestOutcome> warmUp(
      StreamingClient client, RequestBodies bodies, BenchPlan plan) throws InterruptedException {
    int requests = plan.warmUpRequests();
    if (requests == 0) {
      return List.of();
    }
    Workload warmUp =
        new Workload(plan.workload().prompts(), requests, plan.workload().maxTokens());
    try {
      return new LoadGenerator(
              client,
              bodies,
              warmUp,
              requests,
              outcome -> {},
              () -> {},
              plan.prefixes(),
              RequestPhase.WARM_UP)
          .start()
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the warm-up failed", e.getCause());
    }
  }

  /**
   * Samples until a counter value is known to have been reached after {@code seconds}: a counter
   * that moves once per agent tick is bracketed only after its next move.
   */
  private static void sampleUntilBounded(
      EnergySampler sampler, EnergyTimeline timeline, double seconds, double periodSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + (long) (Math.max(5, 20 * periodSeconds) * 1e9);
    sampler.sampleNow();
    while (!timeline.boundedAfter(seconds) && System.nanoTime() < deadline) {
      Thread.sleep(Math.max(1, Math.round(periodSeconds * 250)));
      sampler.sampleNow();
    }
  }

  /** Runs the plan, sampling into {@code timeline}. */
  public BenchResult run(BenchPlan plan, EnergyTimeline timeline)
      throws BenchFailure, InterruptedException {
    String startedAt = Instant.now().toString();
    List<LevelResult> levels = new ArrayList<>();
    RequestOutcome probe;
    List<RequestOutcome> warmUp;
    String connectionReuse;
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
      probe = probe(client, bodies, plan);
      client.letIdleConnectionsSettle(SETTLE_MILLIS);
      warmUp = warmUp(client, bodies, plan);
      sampler.sampleNow();
      if (timeline.reads().isEmpty()) {
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
                sampler::sampleSoon,
                plan.prefixes(),
                RequestPhase.MEASURED);
        List<RequestOutcome> outcomes;
        try {
          outcomes = load.start().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("the load generator failed", e.getCause());
        }
        double last = outcomes.stream().mapToDouble(RequestOutcome::endSeconds).max().orElse(0);
        sampleUntilBounded(sampler, timeline, last, plan.samplePeriodSeconds());
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
      connectionReuse = client.connectionReuseStopped();
    }
    List<String> problems = new ArrayList<>();
    for (LevelResult level : levels) {
      problems.addAll(
          MeasurementCheck.problems(level, plan.maxUncertainty(), plan.workload().requests()));
    }
    return new BenchResult(
        plan.workloadKey(),
        plan.baseUrl().toString(),
        plan.dataset(),
        plan.workload().requests(),
        plan.prefixes(),
        meter.sourceLabel(),
        meter.location(),
        meter.gpus(),
        plan.samplePeriodSeconds(),
        timeline.reads().get(0).seconds(),
        startedAt,
        probe,
        warmUp,
        levels,
        timeline.points(),
        timeline.reads().size(),
        failures,
        connectionReuse,
        plan.maxUncertainty(),
        problems);
  }
}
