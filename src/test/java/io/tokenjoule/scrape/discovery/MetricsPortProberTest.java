package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.scrape.discovery.PortProber.PortProbe;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsPortProberTest {

  private final Vertx vertx = Vertx.vertx();
  private final MetricsPageClient client = new MetricsPageClient(vertx, MonotonicClock.SYSTEM);
  private final HttpServer server;

  MetricsPortProberTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
    vertx.close().await();
  }

  private void serve(String path, byte[] page) {
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
  }

  private PortProbe probe(List<String> paths, int port) {
    return new MetricsPortProber(client, new ScrapeLimits(2, 1 << 20, 100_000), paths)
        .probe("127.0.0.1", port)
        .join();
  }

  private static byte[] vllmPage() throws IOException {
    try (InputStream in =
        MetricsPortProberTest.class.getResourceAsStream("/fixtures/vllm/v1-dp2-text.txt")) {
      return in.readAllBytes();
    }
  }

  @Test
  void triesThePathsInOrderUntilAnEngineIsRecognised() throws Exception {
    serve("/v2/metrics", vllmPage());
    int port = server.getAddress().getPort();

    PortProbe probe = probe(List.of("/metrics", "/v2/metrics"), port);

    assertEquals(
        new PortProbe.Recognised(
            URI.create("http://127.0.0.1:" + port + "/v2/metrics"),
            "vllm",
            List.of("meta-llama/Llama-3.1-8B-Instruct"),
            ((PortProbe.Recognised) probe).reason()),
        probe);
  }

  @Test
  void aPageNoProfileKnowsIsUnrecognised() {
    serve("/metrics", "process_cpu_seconds_total 1.5\n".getBytes(StandardCharsets.UTF_8));
    int port = server.getAddress().getPort();

    PortProbe probe = probe(List.of("/metrics"), port);

    PortProbe.Unrecognised page = assertInstanceOf(PortProbe.Unrecognised.class, probe);
    assertEquals(URI.create("http://127.0.0.1:" + port + "/metrics"), page.metricsUrl());
    assertTrue(page.reason().startsWith("no known engine"), page.reason());
  }

  @Test
  void onlyHttpErrorsMeansNoMetricsPageWithTheLastStatus() {
    int port = server.getAddress().getPort();

    PortProbe probe = probe(List.of("/metrics", "/v2/metrics"), port);

    PortProbe.NoMetricsPage none = assertInstanceOf(PortProbe.NoMetricsPage.class, probe);
    assertEquals("http://127.0.0.1:" + port + "/v2/metrics: HTTP 404 Not Found", none.reason());
  }

  @Test
  void aPortThatRefusesIsGivenUpAtTheFirstPath() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    PortProbe probe = probe(List.of("/metrics", "/v2/metrics"), port);

    PortProbe.NoMetricsPage none = assertInstanceOf(PortProbe.NoMetricsPage.class, probe);
    assertTrue(
        none.reason().startsWith("http://127.0.0.1:" + port + "/metrics: connection refused"),
        none.reason());
  }

  @Test
  void aPortThatNeverAnswersCostsOneTimeoutNotOnePerPath() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      int port = silent.getLocalPort();

      PortProbe probe =
          new MetricsPortProber(
                  client,
                  new ScrapeLimits(0.3, 1 << 20, 100_000),
                  List.of("/metrics", "/v2/metrics"))
              .probe("127.0.0.1", port)
              .join();

      PortProbe.NoMetricsPage none = assertInstanceOf(PortProbe.NoMetricsPage.class, probe);
      assertEquals(
          "http://127.0.0.1:" + port + "/metrics: no complete answer within 300 ms", none.reason());
    }
  }

  @Test
  void everyProfilesPathsAreTriedOnce() {
    List<String> paths = MetricsPortProber.metricsPaths();

    assertTrue(paths.contains("/metrics"));
    assertEquals(paths.size(), paths.stream().distinct().count());
  }

  @Test
  void anIpv6HostIsBracketedInTheUrl() {
    assertEquals(
        URI.create("http://[::1]:8000/metrics"), MetricsPortProber.url("::1", 8000, "/metrics"));
  }
}
