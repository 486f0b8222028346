package io.tokenjoule.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few calls of Prometheus's HTTP API the tests make. Every call has a timeout; an I/O failure
 * comes back as an {@link Answer} with status 0 and the failure as its body, so callers report it
 * like any other bad answer.
 */
public final class PrometheusApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base for example {@code http://127.0.0.1:9090}
   */
  PrometheusApi(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** What Prometheus answered: the HTTP status (0 when it could not be reached) and the body. */
  public record Answer(int httpStatus, String body) {

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    /** Prometheus's {@code status} field is {@code success}. */
    public boolean succeeded() {
      JsonNode json = json();
      return httpStatus == 200 && json != null && "success".equals(json.path("status").asText());
    }

    /** The body, cut to {@code max} characters. */
    public String shortBody(int max) {
      return body.length() <= max ? body : body.substring(0, max) + "…";
    }
  }

  /** An instant query at now. */
  public Answer query(String expr) {
    return get("/api/v1/query?query=" + encode(expr));
  }

  /** An instant query at {@code epochSeconds}, seconds since the epoch. */
  public Answer query(String expr, double epochSeconds) {
    return get(
        "/api/v1/query?query="
            + encode(expr)
            + "&time="
            + String.format(Locale.ROOT, "%.3f", epochSeconds));
  }

  /** The values of a label among the series {@code match} selects; empty when there are none. */
  List<String> labelValues(String label, String match) {
    Answer answer = get("/api/v1/label/" + label + "/values?match[]=" + encode(match));
    if (!answer.succeeded()) {
      throw new IllegalStateException(
          "label values of " + label + " for " + match + ": " + answer.shortBody(500));
    }
    List<String> values = new ArrayList<>();
    answer.json().path("data").forEach(v -> values.add(v.asText()));
    return values;
  }

  /** True once Prometheus answers 200 on /-/ready. */
  boolean ready() {
    return get("/-/ready").httpStatus() == 200;
  }

  URI base() {
    return base;
  }

  /** A GET of any API path, for example {@code /api/v1/rules}. */
  Answer get(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, "no answer from " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
