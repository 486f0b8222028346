package io.tokenjoule.energybench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes result.json (schema {@value #SCHEMA}). Times are seconds since the run's origin (the first
 * energy sample, taken after the warm-up, so the probe's and warm-up's times are negative); energy
 * in joules, power in watts, latencies in seconds. A figure that cannot be computed is {@code
 * null}, never a made-up number.
 */
public final class ResultJson {

  /** The schema name and version written into every result. */
  public static final String SCHEMA = "tokenjoule-bench/2";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  public static void write(BenchResult result, Path file) throws IOException {
    JSON.writeValue(file.toFile(), tree(result));
  }

  public static ObjectNode tree(BenchResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("started_at", result.startedAt());
    root.put("valid", result.valid());
    ArrayNode problems = root.putArray("problems");
    result.problems().forEach(problems::add);
    ObjectNode workload = root.putObject("workload");
    WorkloadKey key = result.workload();
    workload.put("url", result.url());
    workload.put("model", key.model());
    workload.put("api", key.api().label());
    putNullable(workload, "prompt_tokens", key.promptTokens());
    workload.put("max_tokens", key.maxTokens());
    workload.put("dataset", result.dataset());
    workload.put("dataset_sha256", key.datasetSha256());
    workload.put("ignore_eos", key.ignoreEos());
    workload.put("requests", result.requests());
    workload.put("distinct_prompts", key.distinctPrompts());
    if (result.prefixes().enabled()) {
      workload.put("seed", result.prefixes().seed());
    } else {
      workload.putNull("seed");
    }
    ObjectNode energy = root.putObject("energy");
    energy.put("source", result.energySource());
    energy.put("url", result.energyUrl());
    ArrayNode gpus = energy.putArray("gpus");
    result.gpus().forEach(gpus::add);
    energy.put("sample_period_seconds", result.samplePeriodSeconds());
    energy.put("samples", result.energySamples());
    energy.put("failed_samples", result.energySampleFailures());
    energy.put("max_uncertainty_ratio", result.maxUncertainty());
    root.put("connection_reuse_stopped", result.connectionReuse());
    ArrayNode levels = root.putArray("levels");
    double origin = result.originSeconds();
    for (LevelResult level : result.levels()) {
      levels.add(level(level, origin));
    }
    root.set("totals", totals(result));
    ArrayNode sent = root.putArray("requests");
    for (BenchResult.SentRequest request : result.sent()) {
      sent.add(request(request, origin));
    }
    RunSeries series = RunSeries.of(result);
    ObjectNode timeline = root.putObject("timeline");
    pairs(timeline.putArray("power_watts"), series.power());
    pairs(timeline.putArray("generated_tokens_per_second"), series.tokensPerSecond());
    return root;
  }

  private static ObjectNode level(LevelResult level, double origin) {
    ObjectNode node = JSON.createObjectNode();
    node.put("concurrency", level.concurrency());
    ObjectNode requests = node.putObject("requests");
    requests.put("total", level.outcomes().size());
    requests.put("succeeded", level.outcomes().size() - level.failed());
    requests.put("failed", level.failed());
    requests.put("error_rate", level.errorRate());
    ObjectNode errors = requests.putObject("errors");
    for (Map.Entry<ErrorKind, Integer> e : level.errors().entrySet()) {
      errors.put(e.getKey().label(), e.getValue());
    }
    requests.put("usage_mismatches", level.usageMismatches());
    if (level.steady() == null) {
      node.putNull("steady_state");
    } else {
      ObjectNode steady = span(level.steady(), origin);
      steady.set("latency_seconds", latency(level.steadyLatency()));
      node.set("steady_state", steady);
    }
    ObjectNode whole = span(level.whole(), origin);
    whole.set("latency_seconds", latency(level.wholeLatency()));
    node.set("whole_run", whole);
    ObjectNode gate = node.putObject("gate");
    gate.put("window", level.steady() != null ? "steady_state" : "whole_run");
    number(gate, "joules_per_generated_token", level.gated().joulesPerGeneratedToken());
    number(gate, "energy_uncertainty_ratio", level.gated().energyUncertaintyRatio());
    return node;
  }

  private static ObjectNode span(SpanFigures span, double origin) {
    ObjectNode node = JSON.createObjectNode();
    node.put("start_seconds", span.fromSeconds() - origin);
    node.put("end_seconds", span.toSeconds() - origin);
    node.put("duration_seconds", span.seconds());
    number(node, "energy_joules", span.energyJoules());
    number(node, "energy_uncertainty_joules", span.energyUncertaintyJoules());
    number(node, "energy_uncertainty_ratio", span.energyUncertaintyRatio());
    if (span.energy() != null) {
      node.put("energy_low_joules", span.energy().lowJoules());
      node.put("energy_high_joules", span.energy().highJoules());
    }
    node.put("prompt_tokens", span.promptTokens());
    node.put("generated_tokens", span.generatedTokens());
    number(node, "joules_per_generated_token", span.joulesPerGeneratedToken());
    number(node, "joules_per_token", span.joulesPerToken());
    number(node, "joules_per_request", span.joulesPerRequest());
    number(node, "generated_tokens_per_second", span.generatedTokensPerSecond());
    number(node, "tokens_per_second", span.tokensPerSecond());
    number(node, "generated_tokens_per_second_per_watt", span.generatedTokensPerSecondPerWatt());
    number(node, "mean_watts", span.meanWatts());
    number(node, "peak_watts", span.peakWatts());
    return node;
  }

  private static ObjectNode totals(BenchResult result) {
    RequestTotals totals = RequestTotals.of(result);
    ObjectNode node = JSON.createObjectNode();
    node.put("requests", totals.requests());
    node.put("succeeded", totals.succeeded());
    node.put("failed", totals.failed());
    node.put("retried_unsent", totals.retriedUnsent());
    node.put("prompt_tokens", totals.promptTokens());
    node.put("generated_tokens", totals.generatedTokens());
    if (totals.requestsReportingCache() > 0) {
      node.put("cached_prompt_tokens", totals.cachedPromptTokens());
    } else {
      node.putNull("cached_prompt_tokens");
    }
    node.put("requests_reporting_cache", totals.requestsReportingCache());
    return node;
  }

  private static ObjectNode request(BenchResult.SentRequest sent, double origin) {
    RequestOutcome o = sent.outcome();
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", sent.phase().label());
    if (sent.phase() == RequestPhase.MEASURED) {
      node.put("concurrency", sent.concurrency());
    } else {
      node.putNull("concurrency");
    }
    node.put("index", o.index());
    node.put("start_seconds", o.startSeconds() - origin);
    node.put("end_seconds", o.endSeconds() - origin);
    number(node, "first_token_seconds", o.firstTokenSeconds() - origin);
    node.put("attempts", o.attempts());
    node.put("prompt_tokens", o.promptTokens());
    node.put("generated_tokens", o.completionTokens());
    if (o.cachedPromptTokens() >= 0) {
      node.put("cached_prompt_tokens", o.cachedPromptTokens());
    } else {
      node.putNull("cached_prompt_tokens");
    }
    node.put("error", o.succeeded() ? null : o.error().label());
    return node;
  }

  private static ObjectNode latency(LatencyFigures latency) {
    ObjectNode node = JSON.createObjectNode();
    node.set("ttft", percentiles(latency.ttft()));
    node.set("itl", percentiles(latency.itl()));
    node.set("e2e", percentiles(latency.e2e()));
    return node;
  }

  private static ObjectNode percentiles(Percentiles p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("count", p.count());
    number(node, "mean", p.mean());
    number(node, "p50", p.p50());
    number(node, "p90", p.p90());
    number(node, "p99", p.p99());
    return node;
  }

  private static void pairs(ArrayNode array, Iterable<double[]> points) {
    for (double[] p : points) {
      ArrayNode pair = array.addArray();
      pair.add(p[0]);
      if (Double.isFinite(p[1])) {
        pair.add(p[1]);
      } else {
        pair.addNull();
      }
    }
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static void putNullable(ObjectNode node, String field, Integer value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** Reads a result.json back as a tree, for the gate. */
  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
