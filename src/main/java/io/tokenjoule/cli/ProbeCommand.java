package io.tokenjoule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.FetchedPage;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.PageProbe;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.ProbeReport;
import io.tokenjoule.scrape.ScrapeFailure;
import io.tokenjoule.scrape.ScrapeLimits;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule probe URL|FILE}: what the agent sees in a metrics page: the engine (and why),
 * the models with their token and request counters, and the lines it could not parse.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows what the agent sees in a /metrics page: engine, models, token and request counters.",
      "Exit codes: 0 engine recognised, 1 page unreadable, 3 no known engine on the page."
    })
final class ProbeCommand implements Callable<Integer> {

  static final int EXIT_UNREADABLE = 1;
  static final int EXIT_UNRECOGNISED = 3;

  /** Where a URL given without a path is read: most engines serve their page there. */
  static final String DEFAULT_PATH = "/metrics";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "URL|FILE",
      description =
          "An http(s) URL (without a path, " + DEFAULT_PATH + " is read) or a saved page.")
  String target;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Option(
      names = "--openmetrics",
      description = "Ask a URL for OpenMetrics (default text 0.0.4); read a FILE as OpenMetrics.")
  boolean openMetrics;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "The most a URL may take to answer (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Page page;
    try {
      page = isUrl(target) ? fetch() : read();
    } catch (ScrapeFailure | IOException e) {
      err.println("tokenjoule probe: " + e.getMessage());
      err.flush();
      return EXIT_UNREADABLE;
    }
    ProbeReport report = PageProbe.probe(page.bytes(), page.format(), ParserLimits.DEFAULT);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(report));
    } else {
      printHuman(out, report);
    }
    out.flush();
    return report.engine() == null ? EXIT_UNRECOGNISED : 0;
  }

  private record Page(byte[] bytes, ExpositionFormat format) {}

  private static boolean isUrl(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  private Page fetch() throws ScrapeFailure, InterruptedException {
    double seconds = CliArguments.seconds(spec, "--timeout", timeout);
    URI url =
        HttpUrlArgument.withDefaultPath(HttpUrlArgument.parse(spec, "URL", target), DEFAULT_PATH);
    Vertx vertx = Vertx.vertx();
    try (MetricsPageClient client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM)) {
      String accept =
          openMetrics ? "application/openmetrics-text; version=1.0.0" : "text/plain; version=0.0.4";
      FetchedPage fetched =
          client
              .fetch(
                  url,
                  accept,
                  new ScrapeLimits(seconds, 64L << 20, ParserLimits.DEFAULT.maxSeries()))
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      byte[] bytes = java.util.Arrays.copyOf(fetched.body(), fetched.length());
      return new Page(bytes, ExpositionFormat.fromContentType(fetched.contentType()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ScrapeFailure failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      vertx.close().await();
    }
  }

  private Page read() throws IOException {
    try {
      return new Page(
          Files.readAllBytes(Path.of(target)),
          openMetrics ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(target, null, "no such file (give an http:// URL or a file)");
    }
  }

  private static void printHuman(PrintWriter out, ProbeReport report) {
    out.println(
        "engine:  "
            + (report.engine() == null ? "unknown" : report.engine())
            + "  ("
            + report.reason()
            + ")");
    if (report.models().isEmpty()) {
      out.println("models:  none");
    } else {
      out.println("models:");
      for (ModelCounters model : report.models()) {
        out.printf(
            Locale.ROOT,
            "  %-40s prompt_tokens %s  generated_tokens %s  requests %s%n",
            model.model(),
            count(model.promptTokens()),
            count(model.generatedTokens()),
            count(model.requests()));
      }
    }
    out.printf("lines:   %d samples, %d unparsed%n", report.sampleLines(), report.unparsedLines());
    for (String problem : report.problems()) {
      out.println("  " + problem);
    }
  }

  private static String count(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  static String toJson(ProbeReport report) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("engine", report.engine());
    root.put("reason", report.reason());
    root.put(
        "models",
        report.models().stream()
            .map(
                m -> {
                  Map<String, Object> model = new LinkedHashMap<>();
                  model.put("model", m.model());
                  model.put("prompt_tokens", m.promptTokens());
                  model.put("generated_tokens", m.generatedTokens());
                  model.put("requests", Double.isNaN(m.requests()) ? null : m.requests());
                  return model;
                })
            .toList());
    root.put("sample_lines", report.sampleLines());
    root.put("unparsed_lines", report.unparsedLines());
    root.put("problems", List.copyOf(report.problems()));
    return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }
}
