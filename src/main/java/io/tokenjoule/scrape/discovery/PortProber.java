package io.tokenjoule.scrape.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Asks one listening port whether it serves a metrics page an engine profile recognises. */
public interface PortProber {

  /**
   * Probes {@code host:port} without blocking; the answer completes within the prober's own bounds
   * and never fails for what the port answers, so many ports can be probed at once.
   *
   * @param host an address to connect to: an IPv4 literal, an IPv6 literal without brackets, or a
   *     name
   */
  CompletableFuture<PortProbe> probe(String host, int port);

  /** What a port answered. */
  sealed interface PortProbe
      permits PortProbe.Recognised, PortProbe.Unrecognised, PortProbe.NoMetricsPage {

    /** A page an engine profile recognised, with the models it serves. */
    record Recognised(URI metricsUrl, String engine, List<String> models, String reason)
        implements PortProbe {
      public Recognised {
        Objects.requireNonNull(metricsUrl, "metricsUrl");
        Objects.requireNonNull(engine, "engine");
        models = List.copyOf(models);
        Objects.requireNonNull(reason, "reason");
      }
    }

    /** A metrics page, but no profile recognised it. */
    record Unrecognised(URI metricsUrl, String reason) implements PortProbe {
      public Unrecognised {
        Objects.requireNonNull(metricsUrl, "metricsUrl");
        Objects.requireNonNull(reason, "reason");
      }
    }

    /** No path answered with a page: not HTTP, refused, timed out, or only errors. */
    record NoMetricsPage(String reason) implements PortProbe {
      public NoMetricsPage {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
