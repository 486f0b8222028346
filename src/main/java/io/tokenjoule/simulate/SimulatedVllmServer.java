package io.tokenjoule.simulate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * One simulated vLLM server's /metrics page, served over real HTTP by Vert.x on its own port.
 * Negotiates like vLLM's prometheus_client: text 0.0.4 by default, OpenMetrics when asked for, gzip
 * when accepted. {@link #stop()} closes the socket, so a scraper sees a dead target; {@link
 * #start()} listens again on the same port.
 */
public final class SimulatedVllmServer implements AutoCloseable {

  static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final Vertx vertx;
  private final SimulatedWorld world;
  private final String serverName;
  private final String host;
  private final double requestLatencySeconds;
  private int port;
  private HttpServer http;

  /**
   * @param port the port to listen on; 0 picks a free one, kept across stop and start
   */
  public SimulatedVllmServer(
      Vertx vertx, SimulatedWorld world, String serverName, String host, int port) {
    this.vertx = vertx;
    this.world = world;
    this.serverName = serverName;
    this.host = host;
    this.port = port;
    EngineModel model =
        world.servers().stream()
            .filter(s -> s.serverName().equals(serverName))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no simulated server " + serverName));
    // A request decodes its tokens at the per-request share of the engine's token rate.
    this.requestLatencySeconds =
        model.generatedTokensPerRequest()
            / (model.generatedTokensPerSecond() / model.maxRunningRequests());
  }

  /** Starts serving; the server does work again if it was stopped. */
  public synchronized Future<Integer> start() {
    world.setServerAvailable(serverName, true);
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
            .requestHandler(this::handle);
    return server
        .listen(port, host)
        .map(
            listening -> {
              synchronized (this) {
                http = listening;
                port = listening.actualPort();
                return port;
              }
            });
  }

  /** Stops serving and stops the server's work: connections are refused until {@link #start()}. */
  public Future<Void> stop() {
    HttpServer server;
    synchronized (this) {
      server = http;
      http = null;
    }
    world.setServerAvailable(serverName, false);
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** A process restart: counters start again from zero, the port stays. */
  public void restart() {
    world.restartServer(serverName);
  }

  public synchronized int port() {
    return port;
  }

  /** The URL of its metrics page. */
  public String metricsUrl() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/metrics";
  }

  public String serverName() {
    return serverName;
  }

  private void handle(HttpServerRequest request) {
    if (!"/metrics".equals(request.path())) {
      request.response().setStatusCode(404).end("not found: try /metrics\n");
      return;
    }
    EngineView view = world.readServer(serverName);
    if (view == null) {
      request.response().setStatusCode(503).end("server stopped\n");
      return;
    }
    String accept = request.getHeader("Accept");
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    request
        .response()
        .putHeader("Content-Type", openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE)
        .end(
            openMetrics
                ? VllmPageWriter.openMetrics(view, requestLatencySeconds)
                : VllmPageWriter.prometheusText(view, requestLatencySeconds));
  }

  @Override
  public void close() {
    stop().await();
  }
}
