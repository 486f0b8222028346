package io.tokenjoule.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.config.WebConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The agent's HTTP endpoint: {@code /metrics} (text 0.0.4 or OpenMetrics by {@code Accept}, gzip
 * when accepted), {@code /healthz} (liveness: the process serves), {@code /readyz} (ready once the
 * first full tick was accounted) and a small landing page. It only serves the registry; it computes
 * nothing. A {@link WebConfig} adds TLS (optionally mTLS) on every path, and basic authentication
 * on every path but {@code /healthz} and {@code /readyz}: those answer without credentials so that
 * kubelet probes work, and tell no more than whether the agent is alive and ready.
 */
public final class MetricsHttpServer implements AutoCloseable {

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier ready;
  private final String landingPage;
  private final WebConfig webConfig;
  private final Runnable reloadRequest;
  private HttpServer server;

  /** Plain HTTP without authentication. */
  public MetricsHttpServer(
      Vertx vertx, PrometheusMeterRegistry registry, BooleanSupplier ready, String version) {
    this(vertx, registry, ready, version, WebConfig.none(), null);
  }

  /**
   * Served as {@code webConfig} says: HTTPS when it has TLS, basic auth when it has users.
   *
   * @param reloadRequest asks for a configuration reload on {@code POST /-/reload}, which answers
   *     202 at once (the reload replaces this server, so it cannot wait for it); null for no such
   *     endpoint
   */
  public MetricsHttpServer(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      String version,
      WebConfig webConfig,
      Runnable reloadRequest) {
    this.webConfig = webConfig;
    this.reloadRequest = reloadRequest;
    this.vertx = vertx;
    this.registry = registry;
    this.ready = ready;
    this.landingPage =
        "<!DOCTYPE html><html><head><title>tokenjoule</title></head><body>"
            + "<h1>tokenjoule "
            + version
            + "</h1><p>Joules per token for AI inference.</p><ul>"
            + "<li><a href=\"/metrics\">/metrics</a></li>"
            + "<li><a href=\"/healthz\">/healthz</a></li>"
            + "<li><a href=\"/readyz\">/readyz</a></li></ul></body></html>\n";
  }

  /** Listens on {@code host:port}; completes with the actual port (useful with port 0). */
  public Future<Integer> start(String host, int port) {
    Router router = Router.router(vertx);
    // The probes come before authentication: kubelet cannot send credentials without putting
    // them in the pod spec, and they disclose only liveness and readiness.
    router.get("/healthz").handler(ctx -> plain(ctx, 200, "ok\n"));
    router
        .get("/readyz")
        .handler(
            ctx -> {
              if (ready.getAsBoolean()) {
                plain(ctx, 200, "ready\n");
              } else {
                plain(ctx, 503, "not ready: the first tick has not completed\n");
              }
            });
    if (!webConfig.basicAuthUsers().isEmpty()) {
      router.route().handler(new BasicAuthentication(vertx, webConfig.basicAuthUsers()));
    }
    router.get("/metrics").handler(this::metrics);
    if (reloadRequest != null) {
      router
          .post("/-/reload")
          .handler(
              ctx -> {
                reloadRequest.run();
                plain(ctx, 202, "reload requested; see tokenjoule_config_last_reload_successful\n");
              });
    }
    router
        .get("/")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(landingPage));
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
    if (webConfig.tls().isPresent()) {
      try {
        HttpsOptions.apply(options, webConfig.tls().get());
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen(port, host)
        .map(
            listening -> {
              server = listening;
              return listening.actualPort();
            });
  }

  /**
   * Checks that a server could use {@code webConfig}'s TLS files (key, certificate, client CA),
   * without starting one; nothing to check without TLS. Lets a reload refuse a bad web config
   * before it stops the running server.
   *
   * @throws Exception saying what is wrong
   */
  public static void checkTls(Vertx vertx, WebConfig webConfig) throws Exception {
    if (webConfig.tls().isPresent()) {
      HttpsOptions.check(vertx, webConfig.tls().get());
    }
  }

  private void metrics(RoutingContext ctx) {
    String contentType = ExpositionNegotiation.choose(ctx.request().getHeader("Accept"));
    vertx
        .executeBlocking(
            () -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
              registry.scrape(out, contentType);
              return Buffer.buffer(out.toByteArray());
            },
            false)
        .onSuccess(body -> ctx.response().putHeader("Content-Type", contentType).end(body))
        .onFailure(error -> plain(ctx, 500, "could not render metrics: " + describe(error) + "\n"));
  }

  private static String describe(Throwable error) {
    return error instanceof IOException ? error.getMessage() : error.toString();
  }

  private static void plain(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
    }
  }
}
