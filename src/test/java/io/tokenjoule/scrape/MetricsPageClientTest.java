package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsPageClientTest {

  private static final ScrapeLimits LIMITS = new ScrapeLimits(0.5, 64 * 1024, 1000);
  private static final String PAGE = "vllm:generation_tokens_total{model_name=\"m\"} 42.0\n";

  private static Vertx vertx;
  private static HttpServer server;
  private static MetricsPageClient client;
  private static String base;

  @BeforeAll
  static void startServer() throws IOException {
    vertx = Vertx.vertx();
    byte[] bomb = gzip(new byte[1024 * 1024]);
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  switch (request.path()) {
                    case "/ok" ->
                        request
                            .response()
                            .putHeader("Content-Type", "text/plain; version=0.0.4")
                            .end(PAGE + "# accept=" + request.getHeader("Accept") + "\n");
                    case "/status" -> request.response().setStatusCode(503).end("busy");
                    case "/slow" -> {
                      // Never answers: the client's deadline must fire.
                    }
                    case "/declared-big" ->
                        request
                            .response()
                            .putHeader("Content-Length", Long.toString(10L * 1024 * 1024))
                            .write("x");
                    case "/chunked-big" -> {
                      request.response().setChunked(true);
                      for (int i = 0; i < 100; i++) {
                        request.response().write(Buffer.buffer(new byte[1024]));
                      }
                      request.response().end();
                    }
                    case "/bomb" ->
                        request
                            .response()
                            .putHeader("Content-Encoding", "gzip")
                            .end(Buffer.buffer(bomb));
                    default -> request.response().setStatusCode(404).end();
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
    base = "http://127.0.0.1:" + server.actualPort();
    client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM);
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close().await();
  }

  private static FetchedPage fetch(String path) throws Exception {
    return client
        .fetch(URI.create(base + path), "text/plain; version=0.0.4", LIMITS)
        .toCompletionStage()
        .toCompletableFuture()
        .get();
  }

  private static ScrapeFailure failure(String url) {
    ExecutionException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                client
                    .fetch(URI.create(url), "text/plain", LIMITS)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get());
    return assertInstanceOf(ScrapeFailure.class, thrown.getCause());
  }

  @Test
  void fetchesThePageWithTheAskedFormatAndStampsIt() throws Exception {
    FetchedPage page = fetch("/ok");
    String body = new String(page.body(), 0, page.length(), StandardCharsets.UTF_8);
    assertTrue(body.startsWith(PAGE), body);
    assertTrue(body.contains("# accept=text/plain; version=0.0.4"), body);
    assertEquals("text/plain; version=0.0.4", page.contentType());
    assertTrue(page.sentSeconds() <= page.headSeconds());
    assertTrue(page.headSeconds() <= page.doneSeconds());
    assertEquals(
        (page.headSeconds() - page.sentSeconds()) / 2, page.counterTimeUncertaintySeconds(), 1e-12);
  }

  @Test
  void asksForGzipOnlyAcrossTheNetwork() {
    assertEquals("identity", MetricsPageClient.acceptEncoding(URI.create(base + "/ok")));
    assertEquals("identity", MetricsPageClient.acceptEncoding(URI.create("http://localhost:1/m")));
    assertEquals("identity", MetricsPageClient.acceptEncoding(URI.create("http://[::1]:1/m")));
    assertEquals("gzip", MetricsPageClient.acceptEncoding(URI.create("http://10.0.0.7:8000/m")));
    assertEquals("gzip", MetricsPageClient.acceptEncoding(URI.create("http://gpu-7:8000/m")));
  }

  @Test
  void non200IsAnHttpStatusFailureNamingTheUrl() {
    ScrapeFailure failure = failure(base + "/status");
    assertEquals(ScrapeError.HTTP_STATUS, failure.error());
    assertEquals(base + "/status: HTTP 503 Service Unavailable", failure.getMessage());
  }

  @Test
  void silentServerTimesOut() {
    long started = System.nanoTime();
    ScrapeFailure failure = failure(base + "/slow");
    assertEquals(ScrapeError.TIMEOUT, failure.error());
    assertTrue(failure.getMessage().contains("within 500 ms"), failure.getMessage());
    assertTrue((System.nanoTime() - started) / 1e9 < 3, "the deadline must bound the wait");
  }

  @Test
  void oversizedBodiesAreRefusedDeclaredOrNot() {
    assertEquals(ScrapeError.BODY_TOO_LARGE, failure(base + "/declared-big").error());
    ScrapeFailure chunked = failure(base + "/chunked-big");
    assertEquals(ScrapeError.BODY_TOO_LARGE, chunked.error());
    assertTrue(chunked.getMessage().contains("max_body_bytes 65536"), chunked.getMessage());
  }

  @Test
  void gzipBombIsMeasuredAfterDecompression() {
    assertEquals(ScrapeError.BODY_TOO_LARGE, failure(base + "/bomb").error());
  }

  @Test
  void refusedConnectionIsAConnectionFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ScrapeFailure failure = failure("http://127.0.0.1:" + closedPort + "/metrics");
    assertEquals(ScrapeError.CONNECTION, failure.error());
    assertTrue(
        failure.getMessage().startsWith("http://127.0.0.1:" + closedPort), failure.getMessage());
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }
}
