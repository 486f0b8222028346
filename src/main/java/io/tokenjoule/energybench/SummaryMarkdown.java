package io.tokenjoule.energybench;

import java.util.Locale;
import java.util.Map;

/** Renders a run as the Markdown of summary.md, for people and CI job summaries. */
public final class SummaryMarkdown {

  private SummaryMarkdown() {}

  public static String render(BenchResult result) {
    WorkloadKey key = result.workload();
    StringBuilder md = new StringBuilder();
    md.append("# tokenjoule bench: ").append(key.model()).append("\n\n");
    md.append("- endpoint: `").append(result.url()).append("` (").append(key.api().label());
    md.append(" API, streaming)\n");
    md.append("- workload: ").append(result.requests()).append(" requests per level, ");
    md.append(
        result.dataset() != null
            ? "dataset `" + result.dataset() + "` (sha256 " + key.datasetSha256() + ")"
            : key.promptTokens() + " prompt tokens");
    md.append(", max_tokens ").append(key.maxTokens());
    md.append(key.ignoreEos() ? ", ignore_eos" : "").append('\n');
    md.append("- energy: ").append(result.energySource());
    md.append(result.energyUrl() != null ? " `" + result.energyUrl() + "`" : "");
    md.append(", GPUs ").append(result.gpus()).append(", sampled every ");
    md.append(fmt(result.samplePeriodSeconds())).append(" s (").append(result.energySamples());
    md.append(" samples, ").append(result.energySampleFailures()).append(" failed)\n");
    md.append("- prompts: ");
    md.append(
        result.prefixes().enabled()
            ? "distinct per request (random prefix, seed " + result.prefixes().seed() + ")"
            : "as given (--allow-prefix-cache: the server may serve prefills from its cache)");
    md.append('\n');
    RequestTotals totals = RequestTotals.of(result);
    md.append("- requests sent: ").append(totals.requests());
    md.append(" (probe, warm-up and measured), ").append(totals.failed()).append(" failed, ");
    md.append(totals.retriedUnsent()).append(" sent again after an attempt that never left; ");
    md.append(totals.promptTokens()).append(" prompt and ").append(totals.generatedTokens());
    md.append(" generated tokens");
    if (totals.requestsReportingCache() > 0) {
      md.append(", ").append(totals.cachedPromptTokens()).append(" prompt tokens from the cache");
    }
    md.append('\n');
    if (result.connectionReuse() != null) {
      md.append("- connections: ").append(result.connectionReuse()).append('\n');
    }
    md.append("- started: ").append(result.startedAt()).append("\n\n");
    if (!result.valid()) {
      md.append("**INVALID: these figures cannot be trusted.**\n\n");
      result.problems().forEach(p -> md.append("- ").append(p).append('\n'));
      md.append('\n');
    }
    md.append(
        "Steady state: from the moment the target concurrency is first reached until the last");
    md.append(" request starts (ML.ENERGY's window); the whole run is shown beside it.");
    md.append(
        " +/-E% is the energy uncertainty: the true energy of the window lies within it, given");
    md.append(" the sample spacing and how often the counter updates; every J figure of the row");
    md.append(" carries it.\n\n");
    md.append("| concurrency | window | s | J | +/-E% | J/gen token | J/token | J/request");
    md.append(" | gen tok/s | tok/s | gen tok/s/W | mean W | peak W |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LevelResult level : result.levels()) {
      if (level.steady() != null) {
        row(md, level.concurrency(), "steady", level.steady());
      } else {
        md.append("| ")
            .append(level.concurrency())
            .append(" | steady | none | | | | | | | | | | |\n");
      }
      row(md, level.concurrency(), "whole", level.whole());
    }
    if (result.levels().size() > 1) {
      md.append(
          "\nJ per token against concurrency (steady state; whole run where there is none):\n\n");
      md.append("| concurrency | J/gen token | J/token | gen tok/s | mean W |\n");
      md.append("|---:|---:|---:|---:|---:|\n");
      for (LevelResult level : result.levels()) {
        SpanFigures g = level.gated();
        md.append("| ").append(level.concurrency());
        md.append(" | ").append(fmt(g.joulesPerGeneratedToken()));
        md.append(" | ").append(fmt(g.joulesPerToken()));
        md.append(" | ").append(fmt(g.generatedTokensPerSecond()));
        md.append(" | ").append(fmt(g.meanWatts())).append(" |\n");
      }
    }
    md.append("\n| concurrency | TTFT p50/p90/p99 s | ITL p50/p90/p99 s | E2E p50/p90/p99 s");
    md.append(" | failed | errors | usage mismatches |\n");
    md.append("|---:|---|---|---|---:|---|---:|\n");
    for (LevelResult level : result.levels()) {
      LatencyFigures l = level.wholeLatency();
      md.append("| ").append(level.concurrency());
      md.append(" | ").append(p(l.ttft())).append(" | ").append(p(l.itl()));
      md.append(" | ").append(p(l.e2e())).append(" | ").append(level.failed()).append(" / ");
      md.append(level.outcomes().size()).append(" | ").append(errors(level.errors()));
      md.append(" | ").append(level.usageMismatches()).append(" |\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, int concurrency, String window, SpanFigures s) {
    md.append("| ").append(concurrency).append(" | ").append(window);
    for (double v :
        new double[] {
          s.seconds(),
          s.energyJoules(),
          100 * s.energyUncertaintyRatio(),
          s.joulesPerGeneratedToken(),
          s.joulesPerToken(),
          s.joulesPerRequest(),
          s.generatedTokensPerSecond(),
          s.tokensPerSecond(),
          s.generatedTokensPerSecondPerWatt(),
          s.meanWatts(),
          s.peakWatts()
        }) {
      md.append(" | ").append(fmt(v));
    }
    md.append(" |\n");
  }

  private static String p(Percentiles p) {
    return p.count() == 0 ? "-" : fmt(p.p50()) + " / " + fmt(p.p90()) + " / " + fmt(p.p99());
  }

  private static String errors(Map<ErrorKind, Integer> errors) {
    if (errors.isEmpty()) {
      return "none";
    }
    StringBuilder s = new StringBuilder();
    errors.forEach(
        (kind, count) ->
            s.append(s.length() == 0 ? "" : ", ").append(kind.label()).append(' ').append(count));
    return s.toString();
  }

  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
