package io.tokenjoule.cli;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.energybench.AgentMeter;
import io.tokenjoule.energybench.ApiKind;
import io.tokenjoule.energybench.BenchFailure;
import io.tokenjoule.energybench.BenchPlan;
import io.tokenjoule.energybench.BenchPrompt;
import io.tokenjoule.energybench.BenchResult;
import io.tokenjoule.energybench.BenchRunner;
import io.tokenjoule.energybench.ChartWriter;
import io.tokenjoule.energybench.DatasetReader;
import io.tokenjoule.energybench.EnergyMeter;
import io.tokenjoule.energybench.EnergyTimeline;
import io.tokenjoule.energybench.ErrorKind;
import io.tokenjoule.energybench.GpuSourceMeter;
import io.tokenjoule.energybench.LevelResult;
import io.tokenjoule.energybench.ProgressReporter;
import io.tokenjoule.energybench.RegressionGate;
import io.tokenjoule.energybench.RequestOutcome;
import io.tokenjoule.energybench.ResultJson;
import io.tokenjoule.energybench.SummaryMarkdown;
import io.tokenjoule.energybench.Workload;
import io.tokenjoule.energybench.WorkloadKey;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.source.nvml.NvmlCallObserver;
import io.tokenjoule.source.nvml.NvmlException;
import io.tokenjoule.source.nvml.NvmlGpuSource;
import io.tokenjoule.source.nvml.NvmlLoader;
import io.tokenjoule.source.nvml.NvmlUnavailableException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule bench}: drives an OpenAI-compatible endpoint with streaming requests while
 * reading GPU energy, and reports joules per token over the steady state; with {@code --baseline}
 * it is a CI gate on energy regressions.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Energy benchmark of an OpenAI-compatible endpoint: J per token over the",
      "steady state (target concurrency reached .. last request started), tokens/s",
      "per watt, TTFT/ITL/E2E percentiles. Energy from local GPUs (NVML, --gpus) or",
      "a tokenjoule agent on the server's host (--agent URL).",
      "Exit codes: 0 done (and within --max-regression of --baseline),",
      "1 energy regression, 2 failed run: bad input, no energy source, too many",
      "errors, or a baseline measured on another workload or concurrency."
    })
final class BenchCommand implements Callable<Integer> {

  static final int EXIT_REGRESSION = RegressionGate.Verdict.REGRESSION;
  static final int EXIT_FAILED = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "API base URL, for example http://host:8000/v1.")
  String url;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "Served model.")
  String model;

  @Option(
      names = "--api",
      paramLabel = "chat|completions",
      defaultValue = "chat",
      description = "API to call (default: ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description = "Environment variable holding a bearer token for the endpoint.")
  String apiKeyEnv;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "200",
      description = "Requests per concurrency level (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      split = ",",
      description = "Requests in flight; several values sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(
      names = "--prompt-tokens",
      paramLabel = "N",
      description = "Synthetic prompt length, about N tokens (default: 256; not with --dataset).")
  Integer promptTokens;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      defaultValue = "128",
      description = "Generated tokens asked for, unless a dataset line says (default: 128).")
  int maxTokens;

  @Option(
      names = "--dataset",
      paramLabel = "FILE.jsonl",
      description =
          "Prompts, one JSON object a line: {\"prompt\": \"...\"} or {\"messages\":"
              + " [{\"role\": \"user\", \"content\": \"...\"}]}; optional \"max_tokens\".")
  Path dataset;

  @Option(
      names = "--ignore-eos",
      description = "Ask the server (vLLM) to ignore end-of-sequence: fixed output lengths.")
  boolean ignoreEos;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Unmeasured requests sent together first (default: the highest --concurrency).")
  Integer warmup;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Deadline of one request (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--gpus",
      paramLabel = "ID",
      split = ",",
      description = "GPUs measured: indices or UUIDs (NVML), gpu labels (--agent); default all.")
  List<String> gpus = new ArrayList<>();

  @Option(
      names = "--agent",
      paramLabel = "URL",
      description =
          "Read energy from a tokenjoule agent's /metrics instead of local NVML, for a server"
              + " on another host.")
  String agent;

  @Option(
      names = "--sample-period",
      paramLabel = "DURATION",
      description = "Energy sampling period (default: 100ms with NVML, 1s with --agent).")
  String samplePeriod;

  @Option(
      names = "--nvml.library",
      paramLabel = "PATH",
      description = "libnvidia-ml to load (default: the system's).")
  String nvmlLibrary;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write result.json, summary.md, chart.png (and sweep.png) here.")
  Path out;

  @Option(
      names = "--baseline",
      paramLabel = "RESULT.json",
      description = "Compare with an earlier result at the same workload and concurrency.")
  Path baseline;

  @Option(
      names = "--max-regression",
      paramLabel = "PERCENT",
      description = "Allowed rise in J/generated token over --baseline (default: 5%%).")
  String maxRegression;

  @Option(
      names = "--max-error-rate",
      paramLabel = "PERCENT",
      defaultValue = "5%",
      description = "Failed requests allowed per level before the run fails (default: 5%%).")
  String maxErrorRate;

  @Option(
      names = "--log-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "Progress log period when not on a terminal (default: ${DEFAULT-VALUE}).")
  String logInterval;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    BenchPlan plan = plan();
    double errorBudget = percent("--max-error-rate", maxErrorRate);
    RegressionGate gate = gate();
    if (baseline != null) {
      Optional<RegressionGate.Verdict> refusal =
          RegressionGate.refusal(plan.workloadKey(), plan.concurrencies(), baseline);
      if (refusal.isPresent()) {
        refusal.get().lines().forEach(line -> err.println("tokenjoule bench: " + line));
        err.flush();
        return EXIT_FAILED;
      }
    }
    Vertx vertx = Vertx.vertx();
    BenchResult result;
    try (EnergyMeter meter = meter(vertx, err)) {
      if (meter == null) {
        return EXIT_FAILED;
      }
      EnergyTimeline timeline = new EnergyTimeline(plan.samplePeriodSeconds());
      double logSeconds = seconds("--log-interval", logInterval);
      try (ProgressReporter progress =
          new ProgressReporter(
              err, System.console() != null, MonotonicClock.SYSTEM, timeline, logSeconds)) {
        result = new BenchRunner(vertx, MonotonicClock.SYSTEM, meter, progress).run(plan, timeline);
      } catch (BenchFailure e) {
        return fail(err, e.getMessage());
      }
    } finally {
      vertx.close();
    }
    String summary = SummaryMarkdown.render(result);
    if (out != null) {
      write(result, summary);
    }
    stdout.print(summary);
    stdout.flush();
    boolean tooManyErrors = false;
    for (LevelResult level : result.levels()) {
      reportErrors(err, level);
      if (level.errorRate() > errorBudget) {
        err.printf(
            Locale.ROOT,
            "tokenjoule bench: concurrency %d: %d of %d requests failed (%.1f%%), over"
                + " --max-error-rate %s%n",
            level.concurrency(),
            level.failed(),
            level.outcomes().size(),
            100 * level.errorRate(),
            maxErrorRate);
        tooManyErrors = true;
      }
    }
    if (tooManyErrors) {
      err.flush();
      return EXIT_FAILED;
    }
    if (gate == null) {
      err.flush();
      return 0;
    }
    RegressionGate.Verdict verdict = gate.judge(result, baseline);
    PrintWriter verdictOut = verdict.exitCode() == RegressionGate.Verdict.PASS ? stdout : err;
    verdict.lines().forEach(line -> verdictOut.println("tokenjoule bench: " + line));
    verdictOut.flush();
    err.flush();
    return verdict.exitCode();
  }

  private BenchPlan plan() throws IOException {
    ApiKind apiKind;
    try {
      apiKind = ApiKind.valueOf(api.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--api must be chat or completions, got '" + api + "'");
    }
    URI base;
    try {
      base = new URI(url);
    } catch (URISyntaxException e) {
      throw usage("--url: " + e.getMessage());
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw usage("--url must be an http:// or https:// URL, got '" + url + "'");
    }
    if (requests < 1) {
      throw usage("--requests must be >= 1, got " + requests);
    }
    if (maxTokens < 1) {
      throw usage("--max-tokens must be >= 1, got " + maxTokens);
    }
    Set<Integer> levels = new LinkedHashSet<>(concurrency);
    for (int level : levels) {
      if (level < 1) {
        throw usage("--concurrency values must be >= 1, got " + level);
      }
    }
    List<BenchPrompt> prompts;
    String sha = null;
    Integer synthetic = null;
    if (dataset != null) {
      if (promptTokens != null) {
        throw usage(
            "--prompt-tokens and --dataset exclude each other: the dataset has the prompts");
      }
      DatasetReader.Dataset read;
      try {
        read = DatasetReader.read(dataset);
      } catch (IllegalArgumentException e) {
        throw usage("--dataset: " + e.getMessage());
      } catch (IOException e) {
        throw usage("--dataset: cannot read " + dataset + ": " + e.getMessage());
      }
      prompts = read.prompts();
      sha = read.sha256();
    } else {
      synthetic = promptTokens == null ? 256 : promptTokens;
      if (synthetic < 1) {
        throw usage("--prompt-tokens must be >= 1, got " + synthetic);
      }
      prompts = List.of(Workload.syntheticPrompt(synthetic));
    }
    String apiKey = null;
    if (apiKeyEnv != null) {
      apiKey = System.getenv(apiKeyEnv);
      if (apiKey == null || apiKey.isBlank()) {
        throw usage("--api-key-env: environment variable " + apiKeyEnv + " is not set");
      }
    }
    WorkloadKey key = new WorkloadKey(model, apiKind, synthetic, maxTokens, sha, ignoreEos);
    return new BenchPlan(
        base,
        apiKey,
        key,
        new Workload(prompts, requests, maxTokens),
        dataset == null ? null : dataset.toString(),
        List.copyOf(levels),
        seconds("--timeout", timeout),
        seconds(
            "--sample-period",
            samplePeriod == null ? (agent == null ? "100ms" : "1s") : samplePeriod),
        warmUpRequests(levels));
  }

  private int warmUpRequests(Set<Integer> levels) {
    if (warmup == null) {
      return Collections.max(levels);
    }
    if (warmup < 0) {
      throw usage("--warmup must be >= 0, got " + warmup);
    }
    return warmup;
  }

  private RegressionGate gate() {
    if (baseline == null) {
      if (maxRegression != null) {
        throw usage("--max-regression needs --baseline");
      }
      return null;
    }
    return new RegressionGate(
        percent("--max-regression", maxRegression == null ? "5%" : maxRegression));
  }

  /** The energy meter, or null after printing why there is none. */
  private EnergyMeter meter(Vertx vertx, PrintWriter err) {
    if (agent != null) {
      URI metrics;
      try {
        metrics = new URI(agent);
      } catch (URISyntaxException e) {
        throw usage("--agent: " + e.getMessage());
      }
      if (!"http".equals(metrics.getScheme()) && !"https".equals(metrics.getScheme())) {
        throw usage("--agent must be an http:// or https:// URL, got '" + agent + "'");
      }
      if (metrics.getPath() == null
          || metrics.getPath().isEmpty()
          || metrics.getPath().equals("/")) {
        metrics = metrics.resolve("/metrics");
      }
      return new AgentMeter(
          new MetricsPageClient(vertx, MonotonicClock.SYSTEM), metrics, gpus, 5.0);
    }
    Optional<String> missing =
        nvmlLibrary == null
            ? NvmlLoader.unavailableReason()
            : NvmlLoader.unavailableReason(nvmlLibrary);
    if (missing.isPresent()) {
      fail(
          err,
          "no energy source: NVML is not available here ("
              + missing.get()
              + "); run on the GPU host, or give --agent URL to read a tokenjoule agent's energy"
              + " counters");
      return null;
    }
    try {
      return new GpuSourceMeter(
          new NvmlGpuSource(
              NvmlLoader.loadChosen(nvmlLibrary),
              gpus,
              MonotonicClock.SYSTEM,
              NvmlCallObserver.NONE,
              1));
    } catch (NvmlUnavailableException
        | NvmlException
        | IllegalArgumentException
        | IllegalStateException e) {
      fail(err, "no energy source: " + e.getMessage());
      return null;
    }
  }

  private void write(BenchResult result, String summary) throws IOException {
    Files.createDirectories(out);
    ResultJson.write(result, out.resolve("result.json"));
    Files.writeString(out.resolve("summary.md"), summary);
    ChartWriter.writeTimeline(result, out.resolve("chart.png"));
    if (result.levels().size() > 1) {
      ChartWriter.writeSweep(result, out.resolve("sweep.png"));
    }
  }

  private static void reportErrors(PrintWriter err, LevelResult level) {
    Set<ErrorKind> shown = EnumSet.noneOf(ErrorKind.class);
    for (RequestOutcome outcome : level.outcomes()) {
      if (!outcome.succeeded() && shown.add(outcome.error())) {
        err.println(
            "tokenjoule bench: concurrency "
                + level.concurrency()
                + ": "
                + level.errors().get(outcome.error())
                + " x "
                + outcome.error().label()
                + ", first: "
                + outcome.errorDetail());
      }
    }
  }

  private double seconds(String option, String text) {
    Duration parsed = CliArguments.duration(spec, option, text);
    if (parsed.isZero() || parsed.isNegative()) {
      throw usage(option + " must be more than 0s");
    }
    return parsed.toNanos() / 1e9;
  }

  /** {@code 5%} or {@code 5} (percent) as a fraction. */
  private double percent(String option, String text) {
    String number = text.trim();
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1).trim();
    }
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw usage(option + " must be a percentage such as 5%, got '" + text + "'");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw usage(option + " must be a percentage >= 0, got '" + text + "'");
    }
    return value / 100;
  }

  private int fail(PrintWriter err, String message) {
    err.println("tokenjoule bench: " + message);
    err.flush();
    return EXIT_FAILED;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
