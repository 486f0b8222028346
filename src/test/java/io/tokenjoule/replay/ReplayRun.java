package io.tokenjoule.replay;

import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentRuntime;
import io.tokenjoule.agent.BaselinePlan;
import io.tokenjoule.agent.PlannedServer;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.VllmProfile;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.RecordedNvml;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Replays a recording through the real agent: a fake NVML at the JNA seam answers the recorded
 * energy counter (moving every 100 ms, as NVML's does), a test server answers the recorded token
 * counters as a vLLM page some milliseconds late, and the agent ticks once a second of recording
 * time on a clock the replay moves, so a run replays in seconds and the same way on any machine.
 * Every tick's window is collected, and every /metrics page is checked for values that must never
 * be published.
 */
final class ReplayRun {

  /** How often NVML's energy counter moves (s). */
  static final double COUNTER_UPDATE_SECONDS = 0.1;

  /** What one NVML field-values read takes (s), as measured on an H200. */
  static final double NVML_CALL_SECONDS = 0.0033;

  /** How late, at most, the tick thread starts a tick (s). */
  static final double TICK_JITTER_SECONDS = 0.005;

  private final Recording served;
  private final RunningRequests running;
  private final boolean lumpy;
  private final double windowSeconds;
  private final double maxScrapeDelaySeconds;
  private final long seed;

  /**
   * @param served the recording whose counters the server shows and whose energy NVML answers
   * @param running the requests the server's gauge shows
   * @param lumpy whether the served counter moves in lumps ({@link Recording#movesInLumps}): it is
   *     then served as recorded, else interpolated between lines
   * @param maxScrapeDelaySeconds how late, at most, the server reads its counters (recording s)
   */
  ReplayRun(
      Recording served,
      RunningRequests running,
      boolean lumpy,
      double windowSeconds,
      double maxScrapeDelaySeconds,
      long seed) {
    this.served = served;
    this.running = running;
    this.lumpy = lumpy;
    this.windowSeconds = windowSeconds;
    this.maxScrapeDelaySeconds = maxScrapeDelaySeconds;
    this.seed = seed;
  }

  /** What a replay saw: one figure per tick, and any page that published a bad value. */
  record Result(List<WindowFigure> windows, List<String> badPageLines, int pages) {}

  Result run() throws IOException, InterruptedException {
    ReplayClock clock = new ReplayClock();
    Random random = new Random(seed);
    double counterPhase = random.nextDouble() * COUNTER_UPDATE_SECONDS;
    Vertx vertx = Vertx.vertx();
    List<WindowFigure> windows = new ArrayList<>();
    List<String> badLines = new ArrayList<>();
    int pages = 0;
    try (RecordingServer server =
            new RecordingServer(
                vertx,
                clock,
                lumpy ? served::generatedHeldAt : served::generatedAt,
                lumpy ? served::promptHeldAt : served::promptAt,
                running::at,
                maxScrapeDelaySeconds,
                seed);
        NvmlGpuSource gpus =
            RecordedNvml.oneGpu(
                "GPU-replay-0",
                "Recorded GPU",
                () -> {
                  clock.advance(NVML_CALL_SECONDS);
                  return millijoulesAt(counterUpdateBefore(clock.nowSeconds(), counterPhase));
                },
                clock)) {
      URI metrics = server.start();
      AgentPlan plan =
          new AgentPlan(
              "127.0.0.1",
              0,
              Duration.ofSeconds(1),
              Duration.ofNanos(Math.round(windowSeconds * 1e9)),
              new ScrapeLimits(5, 1 << 20, 10_000),
              List.of(new PlannedServer("replay", metrics, new VllmProfile(), gpus.gpus())),
              Optional.empty(),
              Optional.empty(),
              new BaselinePlan(BaselineSettings.DEFAULTS, Optional.empty()));
      HttpClient http = HttpClient.newHttpClient();
      try (Agent agent =
          Agent.openUnscheduled(plan, AgentRuntime.of(gpus, vertx, clock, Agent.newRegistry()))) {
        URI page = URI.create("http://127.0.0.1:" + agent.port() + "/metrics");
        for (int tick = 0; tick <= served.duration(); tick++) {
          clock.advanceTo(tick + TICK_JITTER_SECONDS * random.nextDouble());
          WindowStats window = agent.tickOnce().servers().get(0).window();
          windows.add(
              new WindowFigure(
                  window.startSeconds(),
                  window.endSeconds(),
                  window.joulesPerGeneratedToken(),
                  window.uncertaintyGenerated()));
          badLines.addAll(PageCheck.badLines(get(http, page)));
          pages++;
        }
      }
    } finally {
      vertx.close().await();
    }
    return new Result(windows, badLines, pages);
  }

  private long millijoulesAt(double t) {
    return Math.round(served.energyJoulesAt(t) * 1000);
  }

  /** The last instant the counter moved at or before {@code t}: it moves on a fixed grid. */
  private static double counterUpdateBefore(double t, double phase) {
    return Math.floor((t - phase) / COUNTER_UPDATE_SECONDS) * COUNTER_UPDATE_SECONDS + phase;
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
