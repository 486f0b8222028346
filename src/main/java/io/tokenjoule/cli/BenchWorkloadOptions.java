package io.tokenjoule.cli;

import io.tokenjoule.energybench.ApiKind;
import io.tokenjoule.energybench.BenchPlan;
import io.tokenjoule.energybench.BenchPrompt;
import io.tokenjoule.energybench.DatasetReader;
import io.tokenjoule.energybench.PromptPrefixes;
import io.tokenjoule.energybench.Workload;
import io.tokenjoule.energybench.WorkloadKey;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}'s endpoint and workload: what is sent, how many, and how many at once. */
final class BenchWorkloadOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the random prefix that makes every request's prompt distinct, so no prefill"
              + " is served from the server's prefix cache (default: a new one each run, written"
              + " to result.json).")
  Long seed;

  @Option(
      names = "--allow-prefix-cache",
      description =
          "Send the prompts unchanged: identical prompts may be served from the server's prefix"
              + " cache (lower energy than a real workload's).")
  boolean allowPrefixCache;

  @Option(
      names = "--max-uncertainty",
      paramLabel = "PERCENT",
      defaultValue = "10%",
      description =
          "Largest energy uncertainty a level may have; a shorter, less certain run fails with"
              + " exit 2 and says how long it must be (default: ${DEFAULT-VALUE}).")
  String maxUncertainty;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Deadline of one request (default: ${DEFAULT-VALUE}).")
  String timeout;

  /**
   * The validated workload and plan.
   *
   * @param samplePeriodSeconds how often energy is sampled; validated after the workload
   */
  BenchPlan plan(DoubleSupplier samplePeriodSeconds) throws IOException {
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
    if (allowPrefixCache && seed != null) {
      throw usage("--seed makes prompts distinct; --allow-prefix-cache sends them unchanged");
    }
    double uncertainty = CliArguments.percent(spec, "--max-uncertainty", maxUncertainty);
    if (!(uncertainty > 0)) {
      throw usage("--max-uncertainty must be > 0%, got " + maxUncertainty);
    }
    PromptPrefixes prefixes =
        new PromptPrefixes(
            seed != null ? seed : new SecureRandom().nextLong() >>> 1, !allowPrefixCache);
    WorkloadKey key =
        new WorkloadKey(model, apiKind, synthetic, maxTokens, sha, ignoreEos, !allowPrefixCache);
    return new BenchPlan(
        base,
        apiKey,
        key,
        new Workload(prompts, requests, maxTokens),
        dataset == null ? null : dataset.toString(),
        List.copyOf(levels),
        CliArguments.seconds(spec, "--timeout", timeout),
        samplePeriodSeconds.getAsDouble(),
        warmUpRequests(levels),
        prefixes,
        uncertainty);
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

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
