package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.config.WebConfig;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over real HTTP: HEAD, gzip and the two exposition formats from the cache. */
class MetricsEndpointTest {

  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ExpositionCache page = new ExpositionCache(registry, 60_000_000_000L);
  private final HttpClient client = HttpClient.newHttpClient();
  private MetricsHttpServer http;
  private String base;

  @BeforeEach
  void start() {
    Counter.builder("tokenjoule.test.requests").register(registry).increment(3);
    http =
        new MetricsHttpServer(
            vertx,
            page,
            new StatusBoard(Clock.systemUTC(), Duration.ofSeconds(1)),
            () -> true,
            "t",
            WebConfig.none(),
            null);
    base = "http://127.0.0.1:" + http.start("127.0.0.1", 0).await();
  }

  @AfterEach
  void stop() {
    http.close();
    vertx.close().await();
  }

  @Test
  void headAnswersTheHeadersOfGetWithoutABody() throws Exception {
    HttpResponse<byte[]> get = send("GET", null, null);
    HttpResponse<byte[]> head = send("HEAD", null, null);

    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(
        Integer.toString(get.body().length),
        head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(
        get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
  }

  @Test
  void gzipIsSentWhenAcceptedAndIsTheSamePage() throws Exception {
    HttpResponse<byte[]> plain = send("GET", null, null);
    HttpResponse<byte[]> gzipped = send("GET", null, "gzip, deflate");

    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
    assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
    assertArrayEquals(
        plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes());
    assertTrue(send("GET", null, "gzip;q=0").headers().firstValue("Content-Encoding").isEmpty());
  }

  @Test
  void eachFormatIsServedFromItsOwnCachedPage() throws Exception {
    HttpResponse<byte[]> openMetrics =
        send("GET", "application/openmetrics-text; version=1.0.0", null);
    HttpResponse<byte[]> text = send("GET", "text/plain", null);

    assertEquals(
        ExpositionNegotiation.OPENMETRICS,
        openMetrics.headers().firstValue("Content-Type").orElseThrow());
    String om = new String(openMetrics.body(), StandardCharsets.UTF_8);
    assertTrue(om.contains("tokenjoule_test_requests_total 3.0") && om.endsWith("# EOF\n"), om);
    assertEquals(
        ExpositionNegotiation.TEXT, text.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(new String(text.body(), StandardCharsets.UTF_8).contains("# TYPE"));
    assertArrayEquals(page.cached(ExpositionNegotiation.TEXT, false).orElseThrow(), text.body());
  }

  private HttpResponse<byte[]> send(String method, String accept, String acceptEncoding)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/metrics"))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
