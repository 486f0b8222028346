package io.tokenjoule.calc;

import io.tokenjoule.config.DurationSyntax;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads a server's {@link ServerUsage} from the counters the agent exports, with three instant
 * queries of {@code sum(increase(...[range]))} at the end of the range. Thread-safe.
 */
public final class ServerUsageReader {

  static final String ENERGY = "tokenjoule_server_energy_joules_total";
  static final String TOKENS = "tokenjoule_server_tokens_total";
  static final String REQUESTS = "tokenjoule_server_requests_total";

  private final PrometheusClient client;

  public ServerUsageReader(PrometheusClient client) {
    this.client = client;
  }

  /**
   * @throws PrometheusException when Prometheus cannot answer, has no energy or token series for
   *     the server in the range, or the server used no energy or served no tokens in it
   */
  public ServerUsage read(String server, Duration range, Instant end, TokenKind kind)
      throws PrometheusException, InterruptedException {
    String serverMatcher = "server=" + quote(server);
    Window window = new Window(range, end);
    double energy = increase(ENERGY + "{" + serverMatcher + "}", window, true);
    double tokens =
        increase(TOKENS + "{" + serverMatcher + "," + kind.matcher() + "}", window, true);
    double requests = increase(REQUESTS + "{" + serverMatcher + "}", window, false);
    if (!(energy > 0)) {
      throw nothingCounted(ENERGY + "{" + serverMatcher + "}", energy, window, "was the GPU read?");
    }
    if (!(tokens > 0)) {
      throw nothingCounted(
          TOKENS + "{" + serverMatcher + "," + kind.matcher() + "}",
          tokens,
          window,
          "was the server idle?");
    }
    return new ServerUsage(server, end, range, kind, energy, tokens, requests);
  }

  private record Window(Duration range, Instant end) {
    String describe() {
      return "the " + DurationSyntax.format(range) + " ending " + end;
    }
  }

  /**
   * The summed increase of the series {@code selector} over the window; NaN when there is none and
   * {@code required} is false.
   */
  private double increase(String selector, Window window, boolean required)
      throws PrometheusException, InterruptedException {
    String promql =
        "sum(increase(" + selector + "[" + DurationSyntax.format(window.range()) + "]))";
    List<VectorSample> result = client.query(promql, window.end());
    if (result.isEmpty()) {
      if (!required) {
        return Double.NaN;
      }
      throw new PrometheusException(
          "no series "
              + selector
              + " in Prometheus at "
              + client.baseUrl()
              + " over "
              + window.describe()
              + "; is the agent scraped, is the server name right?");
    }
    return result.get(0).value();
  }

  private PrometheusException nothingCounted(
      String selector, double increase, Window window, String hint) {
    return new PrometheusException(
        selector
            + " increased by "
            + increase
            + " over "
            + window.describe()
            + " in Prometheus at "
            + client.baseUrl()
            + "; "
            + hint);
  }

  /** {@code text} as a PromQL double-quoted string. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
