package io.tokenjoule.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.source.SimulatedGpuSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Per-server meters: the counters Prometheus aggregates (attributed energy, tokens and requests per
 * model) and the windowed gauges for a quick look (J/token, its uncertainty, J/request). Labels:
 * {@code server}, {@code engine}, {@code model}, {@code source}. A server's meters appear after its
 * first successful scrape, when its model is known; if the set of models it serves changes, its
 * server-level series move to the new {@code model} label value and the old ones are removed.
 */
public final class ServerMeters {

  private static final List<MeterSpec<ServerAccount>> SERVER_METERS =
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
          MeterSpec.gauge(
              "tokenjoule.server.running.requests",
              null,
              "Requests running at the last successful scrape.",
              ServerAccount::runningRequests),
          MeterSpec.counter(
              "tokenjoule.server.energy",
              "joules",
              "GPU energy attributed to the server (shared GPUs split evenly).",
              ServerAccount::energyJoulesTotal));

  private static final List<MeterSpec<ModelAccount>> MODEL_METERS =
      List.of(
          MeterSpec.counter(
              "tokenjoule.server.tokens",
              null,
              "Tokens processed, reset-corrected.",
              ModelAccount::promptTokensTotal,
              "kind",
              "prompt"),
          MeterSpec.counter(
              "tokenjoule.server.tokens",
              null,
              "Tokens processed, reset-corrected.",
              ModelAccount::generatedTokensTotal,
              "kind",
              "generated"),
          MeterSpec.counter(
              "tokenjoule.server.requests",
              null,
              "Finished requests, reset-corrected.",
              ModelAccount::requestsTotal));

  private final String gpuSource;
  private final LazyMeters<ServerAccount> serverMeters;
  private final LazyMeters<ModelAccount> modelMeters;
  private final Map<String, String> modelLabelByServer = new HashMap<>();
  private volatile List<ServerAccount> latest = List.of();

  /**
   * @param gpuSource the GPU source's label, used unless the server itself is simulated
   */
  public ServerMeters(MeterRegistry registry, String gpuSource) {
    this.gpuSource = gpuSource;
    this.serverMeters = new LazyMeters<>(registry, SERVER_METERS);
    this.modelMeters = new LazyMeters<>(registry, MODEL_METERS);
  }

  /** Publishes this tick's servers; the list keeps the same servers in the same order. */
  public void update(List<ServerAccount> servers) {
    latest = servers;
    for (int i = 0; i < servers.size(); i++) {
      ServerAccount server = servers.get(i);
      if (server.models().isEmpty()) {
        continue;
      }
      int position = i;
      String source = server.simulated() ? SimulatedGpuSource.SOURCE_LABEL : gpuSource;
      String models =
          server.models().stream().map(ModelAccount::model).collect(Collectors.joining(","));
      String previous = modelLabelByServer.put(server.name(), models);
      if (previous != null && !previous.equals(models)) {
        serverMeters.drop(server.name());
      }
      serverMeters.offer(server.name(), tags(server, models, source), () -> latest.get(position));
      for (ModelAccount model : server.models()) {
        String name = model.model();
        modelMeters.offer(
            server.name() + '\u0000' + name,
            tags(server, name, source),
            () ->
                latest.get(position).models().stream()
                    .filter(m -> m.model().equals(name))
                    .findFirst()
                    .orElseThrow());
      }
    }
  }

  private static Tags tags(ServerAccount server, String model, String source) {
    return Tags.of(
        "server", server.name(), "engine", server.engine(), "model", model, "source", source);
  }

  private static MeterSpec<ServerAccount> window(
      String name,
      String unit,
      String description,
      ToDoubleFunction<WindowStats> value,
      String... tags) {
    return MeterSpec.gauge(name, unit, description, s -> value.applyAsDouble(s.window()), tags);
  }
}
