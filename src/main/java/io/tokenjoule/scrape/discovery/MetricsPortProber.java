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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes a port over HTTP with a {@link MetricsPageClient}: tries each metrics path in turn, and
 * reads the first page an engine profile recognises with {@link PageProbe}. A path answering an
 * HTTP error moves on to the next path; a port that refuses, times out or does not speak HTTP is
 * given up at once, so a non-HTTP port costs one timeout at most. Thread-safe.
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
  public PortProbe probe(String host, int port) {
    PortProbe unrecognised = null;
    String lastFailure = "no path tried";
    for (String path : paths) {
      URI url = url(host, port, path);
      FetchedPage page;
      try {
        page = fetch(url);
      } catch (ScrapeFailure failure) {
        if (failure.error() != ScrapeError.HTTP_STATUS) {
          return new PortProbe.NoMetricsPage(failure.getMessage());
        }
        lastFailure = failure.getMessage();
        continue;
      }
      ProbeReport report =
          PageProbe.probe(
              Arrays.copyOf(page.body(), page.length()),
              ExpositionFormat.fromContentType(page.contentType()),
              ParserLimits.DEFAULT);
      if (report.engine() != null) {
        List<String> models = report.models().stream().map(ModelCounters::model).toList();
        return new PortProbe.Recognised(url, report.engine(), models, report.reason());
      }
      if (unrecognised == null) {
        unrecognised = new PortProbe.Unrecognised(url, report.reason());
      }
    }
    return unrecognised != null ? unrecognised : new PortProbe.NoMetricsPage(lastFailure);
  }

  private FetchedPage fetch(URI url) throws ScrapeFailure {
    long waitMillis = Math.round(limits.timeoutSeconds() * 1000) + 1000;
    try {
      return client
          .fetch(url, ACCEPT, limits)
          .toCompletionStage()
          .toCompletableFuture()
          .get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ScrapeFailure failure) {
        throw failure;
      }
      throw new ScrapeFailure(ScrapeError.CONNECTION, url + ": " + e.getCause());
    } catch (TimeoutException e) {
      throw new ScrapeFailure(
          ScrapeError.TIMEOUT, url + ": no answer within " + waitMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScrapeFailure(ScrapeError.INTERNAL, url + ": interrupted");
    }
  }

  static URI url(String host, int port, String path) {
    try {
      return new URI("http", null, host, port, path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot make a URL of " + host + ":" + port + path, e);
    }
  }
}
