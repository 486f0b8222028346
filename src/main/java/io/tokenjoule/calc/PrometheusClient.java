package io.tokenjoule.calc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.config.DurationSyntax;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small client for Prometheus's HTTP API: instant queries ({@code GET /api/v1/query}) answered
 * with a vector. Every way Prometheus can fail to answer (no connection, timeout, an HTTP error, an
 * API error body, something that is not the API's JSON) becomes one {@link PrometheusException}
 * with a message that names the URL. Thread-safe; holds no resources that need closing.
 */
public final class PrometheusClient {

  private static final int SNIPPET_CHARS = 120;

  private final URI baseUrl;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param baseUrl where Prometheus serves, such as {@code http://localhost:9090}, or with a path
   *     prefix ({@code http://host/prometheus}) when it runs behind one
   * @param timeout for connecting and for each whole query
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL with a host, or
   *     the timeout is not positive
   */
  public PrometheusClient(URI baseUrl, Duration timeout) {
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "expected an http(s) URL such as http://localhost:9090, got " + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "expected Prometheus's base URL without query or fragment, got " + baseUrl);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Evaluates {@code promql} at {@code time}.
   *
   * @return the vector's samples, empty when no series matched
   * @throws PrometheusException when Prometheus cannot answer or answers something else than a
   *     vector
   */
  public List<VectorSample> query(String promql, Instant time)
      throws PrometheusException, InterruptedException {
    URI uri = queryUri(promql, time);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      // The request timeout covers the wait for the headers; this one covers the body too.
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw timedOut(e);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(cause);
      }
      if (cause instanceof ConnectException) {
        throw new PrometheusException(
            "cannot connect to Prometheus at " + baseUrl + ": " + reason(cause), cause);
      }
      throw new PrometheusException(
          "cannot query Prometheus at " + baseUrl + ": " + reason(cause), cause);
    }
    return parse(response.statusCode(), response.body());
  }

  URI queryUri(String promql, Instant time) {
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(
        base
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + unixSeconds(time));
  }

  /** {@code time} as Prometheus reads it: unix seconds, with a fraction where there is one. */
  static String unixSeconds(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .add(BigDecimal.valueOf(time.getNano(), 9))
        .stripTrailingZeros()
        .toPlainString();
  }

  private List<VectorSample> parse(int status, String body) throws PrometheusException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.path("status").isTextual()) {
      throw new PrometheusException(
          status / 100 == 2
              ? "Prometheus at "
                  + baseUrl
                  + " answered something that is not its API's JSON: "
                  + snippet(body)
              : "Prometheus at " + baseUrl + " answered HTTP " + status + ": " + snippet(body));
    }
    String outcome = root.get("status").asText();
    if (outcome.equals("error")) {
      throw new PrometheusException(
          "Prometheus at "
              + baseUrl
              + " rejected the query (HTTP "
              + status
              + ", "
              + root.path("errorType").asText("no errorType")
              + "): "
              + root.path("error").asText("no error message"));
    }
    if (!outcome.equals("success") || status / 100 != 2) {
      throw new PrometheusException(
          "Prometheus at "
              + baseUrl
              + " answered HTTP "
              + status
              + " with status '"
              + outcome
              + "'");
    }
    JsonNode data = root.path("data");
    String resultType = data.path("resultType").asText("");
    if (!resultType.equals("vector") || !data.path("result").isArray()) {
      throw new PrometheusException(
          "Prometheus at "
              + baseUrl
              + " answered a "
              + (resultType.isEmpty() ? "result without a type" : resultType)
              + " where a vector was expected");
    }
    List<VectorSample> samples = new ArrayList<>();
    for (JsonNode element : data.get("result")) {
      samples.add(sample(element));
    }
    return List.copyOf(samples);
  }

  private VectorSample sample(JsonNode element) throws PrometheusException {
    JsonNode value = element.path("value");
    if (!element.path("metric").isObject() || !value.isArray() || value.size() != 2) {
      throw malformed(element);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = element.get("metric").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      labels.put(label.getKey(), label.getValue().asText());
    }
    try {
      return new VectorSample(labels, number(value.get(1).asText()));
    } catch (NumberFormatException e) {
      throw malformed(element);
    }
  }

  /** Prometheus writes sample values as strings: Go's float format, with NaN, +Inf and -Inf. */
  private static double number(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        if (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1))) {
          throw new NumberFormatException(text);
        }
        yield Double.parseDouble(text);
      }
    };
  }

  private PrometheusException malformed(JsonNode element) {
    return new PrometheusException(
        "Prometheus at "
            + baseUrl
            + " answered a vector element that is not {metric, value}: "
            + snippet(element.toString()));
  }

  private PrometheusException timedOut(Throwable cause) {
    return new PrometheusException(
        "Prometheus at " + baseUrl + " did not answer within " + DurationSyntax.format(timeout),
        cause);
  }

  /**
   * The first message along the cause chain, since the JDK's client often wraps the useful one;
   * where there is none (it leaves a refused connection and an unknown host without one), the
   * failure named from its type.
   */
  private String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
      if (t instanceof UnresolvedAddressException) {
        return "unknown host " + baseUrl.getHost();
      }
    }
    return e instanceof ConnectException
        ? "connection refused or host unreachable"
        : e.getClass().getSimpleName();
  }

  private static String snippet(String body) {
    String line = body.strip().replaceAll("\\s+", " ");
    if (line.isEmpty()) {
      return "(empty body)";
    }
    return line.length() <= SNIPPET_CHARS ? line : line.substring(0, SNIPPET_CHARS) + "...";
  }
}
