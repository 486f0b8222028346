package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.SourceLabel;
import io.tokenjoule.account.AttributionMethod;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowState;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.BucketBaseline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Per-server meters: the counters Prometheus aggregates (attributed energy, in total and by {@code
 * method}, idle energy, tokens and requests per model, and with economics cost, carbon and water)
 * and the windowed gauges for a quick look (J/token, its uncertainty, J/request, load, idle power,
 * cost per million tokens, the regression ratio and the baseline of every learned load bucket).
 * Server-level series carry {@code server}, {@code engine} and {@code source}; the per-model
 * counters (tokens, requests) add {@code model}, and {@code tokenjoule_server_info} says which
 * models a server serves, one series per model, so that a server's labels never change as its
 * models do. Where pod labels are on, every server series adds {@code namespace}, {@code pod} and
 * {@code container} (empty for a server in no pod). A server's meters appear after its first
 * successful scrape.
 */
public final class ServerMeters {

  private static final List<MeterSpec<ServerFigures>> SERVER_METERS =
      List.of(
          window(
              "tokenjoule.energy.per.token",
              "joules",
              "Joules per token over the window; absent while no tokens flow.",
              WindowStats::joulesPerGeneratedToken,
              "kind",
              "generated"),
          window(
              "tokenjoule.energy.per.token",
              "joules",
              "Joules per token over the window; absent while no tokens flow.",
              WindowStats::joulesPerToken,
              "kind",
              "all"),
          window(
              "tokenjoule.energy.per.token.uncertainty",
              "ratio",
              "Relative error bound of the windowed joules per token.",
              WindowStats::uncertaintyGenerated,
              "kind",
              "generated"),
          window(
              "tokenjoule.energy.per.token.uncertainty",
              "ratio",
              "Relative error bound of the windowed joules per token.",
              WindowStats::uncertaintyAll,
              "kind",
              "all"),
          window(
              "tokenjoule.energy.per.request",
              "joules",
              "Joules per finished request over the window.",
              WindowStats::joulesPerRequest),
          window(
              "tokenjoule.window.covered",
              "seconds",
              "Seconds of the window with valid readings at both ends.",
              WindowStats::coveredSeconds),
          windowState(WindowState.EMPTY),
          windowState(WindowState.IDLE),
          windowState(WindowState.COUNTING),
          windowState(WindowState.RAMP),
          windowState(WindowState.STEADY),
          window(
              "tokenjoule.window.mean.running.requests",
              null,
              "Time-weighted mean of the requests running over the window: the load it ran at.",
              WindowStats::meanRunningRequests),
          account(
              MeterSpec.gauge(
                  "tokenjoule.server.running.requests",
                  null,
                  "Requests running at the last successful scrape.",
                  ServerAccount::runningRequests)),
          account(
              MeterSpec.counter(
                  "tokenjoule.server.energy",
                  "joules",
                  "GPU energy attributed to the server (shared GPUs split by SM utilisation or"
                      + " tokens, evenly while idle).",
                  ServerAccount::energyJoulesTotal)),
          attributed(AttributionMethod.EXCLUSIVE),
          attributed(AttributionMethod.SM_UTILIZATION),
          attributed(AttributionMethod.TOKEN_SHARE),
          attributed(AttributionMethod.IDLE_EVEN),
          attributed(AttributionMethod.HOST),
          account(
              MeterSpec.counter(
                  "tokenjoule.server.idle.energy",
                  "joules",
                  "Energy attributed to the server while it had no tokens and no running requests.",
                  s -> s.idle().energyJoulesTotal())),
          MeterSpec.gauge(
              "tokenjoule.energy.per.token.regression",
              "ratio",
              "Windowed joules per generated token over the baseline learned at the same load.",
              f -> f.regression() == null ? Double.NaN : f.regression().ratio(),
              "kind",
              "generated"),
          account(
              MeterSpec.gauge(
                  "tokenjoule.prefill.energy.per.token",
                  "joules",
                  "Fitted joules per prompt token; absent while the fit lacks variety or precision.",
                  s -> s.split().joulesPerPrefillToken())),
          account(
              MeterSpec.gauge(
                  "tokenjoule.decode.energy.per.token",
                  "joules",
                  "Fitted joules per generated token; absent while the fit lacks variety or"
                      + " precision.",
                  s -> s.split().joulesPerDecodeToken())),
          account(
              MeterSpec.gauge(
                  "tokenjoule.prefill.energy.per.token.uncertainty",
                  "ratio",
                  "Relative standard error of the fitted joules per prompt token: the fit's"
                      + " statistics only, not the error of its linear model.",
                  s ->
                      relative(
                          s.split().prefillStandardError(), s.split().joulesPerPrefillToken()))),
          account(
              MeterSpec.gauge(
                  "tokenjoule.decode.energy.per.token.uncertainty",
                  "ratio",
                  "Relative standard error of the fitted joules per generated token: the fit's"
                      + " statistics only, not the error of its linear model.",
                  s ->
                      relative(s.split().decodeStandardError(), s.split().joulesPerDecodeToken()))),
          account(
              MeterSpec.gauge(
                  "tokenjoule.static.power",
                  "watts",
                  "Fitted power drawn whatever the tokens (idle included).",
                  s -> s.split().staticWatts())),
          account(
              MeterSpec.gauge(
                  "tokenjoule.energy.split.fit.r.squared",
                  null,
                  "Share of the interval power variance the prefill/decode fit explains, 0 to 1.",
                  s -> s.split().rSquared())),
          account(
              MeterSpec.gauge(
                  "tokenjoule.idle.power",
                  "watts",
                  "Power of the server's share of its GPUs over its latest idle stretch.",
                  s -> s.idle().powerWatts())));

  private static final List<MeterSpec<ModelAccount>> MODEL_METERS =
      List.of(
          MeterSpec.counter(
              "tokenjoule.server.tokens",
              null,
              "Tokens processed, reset-corrected; prompt: served, prefix-cache hits included where"
                  + " the engine tells them apart.",
              ModelAccount::promptTokensTotal,
              "kind",
              "prompt"),
          MeterSpec.counter(
              "tokenjoule.server.cached.prompt.tokens",
              null,
              "Of the prompt tokens, those served from a prefix cache rather than computed;"
                  + " absent where the engine does not tell them apart.",
              ModelAccount::cachedPromptTokensTotal),
          MeterSpec.counter(
              "tokenjoule.server.tokens",
              null,
              "Tokens processed, reset-corrected; prompt: served, prefix-cache hits included where"
                  + " the engine tells them apart.",
              ModelAccount::generatedTokensTotal,
              "kind",
              "generated"),
          MeterSpec.counter(
              "tokenjoule.server.requests",
              null,
              "Finished requests, reset-corrected.",
              ModelAccount::requestsTotal));

  private static final List<MeterSpec<BucketBaseline>> BUCKET_METERS =
      List.of(
          MeterSpec.gauge(
              "tokenjoule.energy.per.token.baseline",
              "joules",
              "Baseline joules per generated token learned at this load (mean running requests).",
              BucketBaseline::joulesPerGeneratedToken,
              "kind",
              "generated"));

  private final String gpuSource;
  private final Function<String, Tags> podTags;
  private final LazyMeters<ServerFigures> serverMeters;
  private final LazyMeters<ModelAccount> modelMeters;
  private final LazyMeters<BucketBaseline> bucketMeters;
  private final ServerInfoMeters info;
  private final Map<String, Set<String>> bucketKeys = new HashMap<>();

  /**
   * @param gpuSource the GPU source's label, used unless the server itself is simulated
   * @param extraServerMeters further per-server meters, such as those of the economics
   */
  public ServerMeters(
      MeterRegistry registry, String gpuSource, List<MeterSpec<ServerFigures>> extraServerMeters) {
    this(registry, gpuSource, extraServerMeters, server -> Tags.empty());
  }

  /**
   * @param podTags by server name, the pod labels its series carry (the same keys for every server)
   */
  public ServerMeters(
      MeterRegistry registry,
      String gpuSource,
      List<MeterSpec<ServerFigures>> extraServerMeters,
      Function<String, Tags> podTags) {
    this.gpuSource = gpuSource;
    this.podTags = podTags;
    List<MeterSpec<ServerFigures>> specs = new ArrayList<>(SERVER_METERS);
    specs.addAll(extraServerMeters);
    this.serverMeters = new LazyMeters<>(registry, specs);
    this.modelMeters = new LazyMeters<>(registry, MODEL_METERS);
    this.bucketMeters = new LazyMeters<>(registry, BUCKET_METERS);
    this.info = new ServerInfoMeters(registry);
  }

  /** Publishes this tick's servers; the list keeps the same servers in the same order. */
  public void update(List<ServerFigures> figures) {
    for (ServerFigures figure : figures) {
      ServerAccount server = figure.account();
      if (server.models().isEmpty()) {
        continue;
      }
      String source = server.simulated() ? SourceLabel.SIMULATED : gpuSource;
      Tags serverTags = serverTags(server, source);
      serverMeters.offer(server.name(), serverTags, figure);
      offerBuckets(figure, serverTags);
      for (ModelAccount model : server.models()) {
        info.offer(serverTags, model.model());
        modelMeters.offer(
            server.name() + '\u0000' + model.model(),
            serverTags.and("model", model.model()),
            model);
      }
    }
  }

  private void offerBuckets(ServerFigures figures, Tags serverTags) {
    if (figures.regression() == null) {
      return;
    }
    String server = figures.account().name();
    Set<String> learned = new HashSet<>();
    for (BucketBaseline bucket : figures.regression().learnedBuckets()) {
      learned.add(server + '\u0000' + bucket.bucket().label());
    }
    // A bucket whose slots all aged out is no longer learned: its gauge goes, not freezes.
    Set<String> registered = bucketKeys.computeIfAbsent(server, s -> new HashSet<>());
    for (Iterator<String> keys = registered.iterator(); keys.hasNext(); ) {
      String key = keys.next();
      if (!learned.contains(key)) {
        bucketMeters.drop(key);
        keys.remove();
      }
    }
    for (BucketBaseline bucket : figures.regression().learnedBuckets()) {
      String label = bucket.bucket().label();
      String key = server + '\u0000' + label;
      registered.add(key);
      bucketMeters.offer(key, serverTags.and("load_bucket", label), bucket);
    }
  }

  private Tags serverTags(ServerAccount server, String source) {
    return Tags.of("server", server.name(), "engine", server.engine(), "source", source)
        .and(podTags.apply(server.name()));
  }

  private static MeterSpec<ServerFigures> window(
      String name,
      String unit,
      String description,
      ToDoubleFunction<WindowStats> value,
      String... tags) {
    return MeterSpec.gauge(
        name, unit, description, f -> value.applyAsDouble(f.account().window()), tags);
  }

  /**
   * 1 for the state the server's window is in, 0 for the others, one series per state, so the
   * reason a J/token is absent is on the page.
   */
  private static MeterSpec<ServerFigures> windowState(WindowState state) {
    return MeterSpec.gauge(
        "tokenjoule.window.state",
        null,
        "The state of the server's window: steady and ramp (the load started or stopped inside"
            + " it) have a J/token; empty, idle and counting (tokens in flight not yet counted)"
            + " have none.",
        f -> f.account().window().state() == state ? 1 : 0,
        "state",
        state.label());
  }

  /**
   * The part of the server's energy attributed by {@code method}: absent until that method has
   * attributed some, so a server alone on its GPUs shows only {@code method="exclusive"}.
   */
  private static MeterSpec<ServerFigures> attributed(AttributionMethod method) {
    return account(
        MeterSpec.counter(
            "tokenjoule.server.attributed.energy",
            "joules",
            "GPU energy attributed to the server, by how it was attributed: exclusive (GPU not"
                + " shared), sm_utilization, token_share, idle_even; host: the host's CPU and"
                + " DRAM energy, where energy.include has host.",
            s -> {
              double joules = s.attributed().joules(method);
              return joules > 0 ? joules : Double.NaN;
            },
            "method",
            method.label()));
  }

  /** {@code error / value}, NaN (absent) where the value is not positive. */
  private static double relative(double error, double value) {
    return value > 0 ? Math.abs(error / value) : Double.NaN;
  }

  /** The same meter, read from the figures' account. */
  private static MeterSpec<ServerFigures> account(MeterSpec<ServerAccount> spec) {
    ToDoubleFunction<ServerAccount> value = spec.value();
    return new MeterSpec<>(
        spec.counter(),
        spec.name(),
        spec.baseUnit(),
        spec.description(),
        f -> value.applyAsDouble(f.account()),
        spec.tags());
  }
}
