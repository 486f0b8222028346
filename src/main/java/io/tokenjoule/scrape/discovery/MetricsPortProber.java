package io.tokenjoule.scrape.discovery;

import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.FetchedPage;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.scrape.PageProbe;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.ProbeReport;
import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeFailure;
import io.tokenjoule.scrape.ScrapeLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Probes a port over HTTP with a {@link MetricsPageClient}: tries each metrics path in turn, and
 * reads the first page an engine profile recognises with {@link PageProbe}. A path answering an
 * HTTP error or a page no profile knows moves on to the next path; a port that refuses, times out
 * or does not speak HTTP is given up at once, so a non-HTTP port costs one timeout at most. Never
 * blocks: pages are parsed on the common pool, off the event loop. Thread-safe.
 */
public final class MetricsPortProber implements PortProber {

  private static final String ACCEPT = "text/plain; version=0.0.4";

  private final MetricsPageClient client;
  private final ScrapeLimits limits;
  private final List<String> paths;

  /**
   * @param limits the bounds of each request; its timeout is the most one path may take
   * @param paths the paths to try, in order, for example {@link #metricsPaths()}
   */
  public MetricsPortProber(MetricsPageClient client, ScrapeLimits limits, List<String> paths) {
    this.client = Objects.requireNonNull(client, "client");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.paths = List.copyOf(paths);
    if (this.paths.isEmpty()) {
      throw new IllegalArgumentException("at least one metrics path is needed");
    }
  }

  /** Every engine profile's metrics paths, in registry order, each once. */
  public static List<String> metricsPaths() {
    Set<String> paths = new LinkedHashSet<>();
    for (EngineProfile profile : EngineProfiles.all()) {
      paths.addAll(profile.metricsPaths());
    }
    return List.copyOf(paths);
  }

  @Override
  public CompletableFuture<PortProbe> probe(String host, int port) {
    return tryPath(host, port, 0, null, "no path tried");
  }

  /** What one path answered, and whether the next path is worth a try. */
  private record PathAnswer(PortProbe probe, boolean tryNext) {}

  /** Tries {@code paths[index]}, then the next paths while one answers an error or a stranger. */
  private CompletableFuture<PortProbe> tryPath(
      String host, int port, int index, PortProbe.Unrecognised firstUnknown, String lastFailure) {
    if (index == paths.size()) {
      return CompletableFuture.completedFuture(
          firstUnknown != null ? firstUnknown : new PortProbe.NoMetricsPage(lastFailure));
    }
    URI url = url(host, port, paths.get(index));
    return client
        .fetch(url, ACCEPT, limits)
        .toCompletionStage()
        .toCompletableFuture()
        .handleAsync((page, error) -> answer(url, page, error)) // parse off the event loop
        .thenCompose(
            answer -> {
              if (!answer.tryNext()) {
                return CompletableFuture.completedFuture(answer.probe());
              }
              if (answer.probe() instanceof PortProbe.Unrecognised unknown) {
                return tryPath(
                    host,
                    port,
                    index + 1,
                    firstUnknown == null ? unknown : firstUnknown,
                    lastFailure);
              }
              String failure = ((PortProbe.NoMetricsPage) answer.probe()).reason();
              return tryPath(host, port, index + 1, firstUnknown, failure);
            });
  }

  private static PathAnswer answer(URI url, FetchedPage page, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException ? error.getCause() : error;
      if (cause instanceof ScrapeFailure failure) {
        return new PathAnswer(
            new PortProbe.NoMetricsPage(failure.getMessage()),
            failure.error() == ScrapeError.HTTP_STATUS);
      }
      return new PathAnswer(new PortProbe.NoMetricsPage(url + ": " + cause), false);
    }
    ProbeReport report =
        PageProbe.probe(
            Arrays.copyOf(page.body(), page.length()),
            ExpositionFormat.fromContentType(page.contentType()),
            ParserLimits.DEFAULT);
    if (report.engine() == null) {
      return new PathAnswer(new PortProbe.Unrecognised(url, report.reason()), true);
    }
    List<String> models = report.models().stream().map(ModelCounters::model).toList();
    return new PathAnswer(
        new PortProbe.Recognised(url, report.engine(), models, report.reason()), false);
  }

  static URI url(String host, int port, String path) {
    try {
      return new URI("http", null, host, port, path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot make a URL of " + host + ":" + port + path, e);
    }
  }
}
