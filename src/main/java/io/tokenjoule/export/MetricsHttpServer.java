package io.tokenjoule.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.config.WebConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The agent's HTTP endpoint: {@code /metrics} (text 0.0.4 or OpenMetrics by {@code Accept}, gzip
 * when accepted; GET and HEAD), {@code /healthz} (liveness: the process serves), {@code /readyz}
 * (ready once the first full tick was accounted) and the status page at {@code /} (with its live
 * part at {@code /-/status}). It serves the {@code /metrics} page the {@link ExpositionCache}
 * rendered for this tick, so a scrape never waits for the registry; it computes nothing. A {@link
 * WebConfig} adds TLS (optionally mTLS) on every path, and basic authentication on every path but
 * {@code /healthz} and {@code /readyz}: those answer without credentials so that kubelet probes
 * work, and tell no more than whether the agent is alive and ready.
 */
public final class MetricsHttpServer implements AutoCloseable {

  private final Vertx vertx;
  private final ExpositionCache page;
  private final BooleanSupplier ready;
  private final StatusBoard status;
  private final String version;
  private final WebConfig webConfig;
  private final Runnable reloadRequest;
  private HttpServer server;
  private BasicAuthentication authentication;

  /** Plain HTTP without authentication, rendering the registry on every scrape. */
  public MetricsHttpServer(
      Vertx vertx, PrometheusMeterRegistry registry, BooleanSupplier ready, String version) {
    this(vertx, registry, ready, version, WebConfig.none(), null);
  }

  /**
   * As {@link #MetricsHttpServer(Vertx, ExpositionCache, StatusBoard, BooleanSupplier, String,
   * WebConfig, Runnable)}, rendering the registry on every scrape, with a status page that gets no
   * tick.
   */
  public MetricsHttpServer(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      String version,
      WebConfig webConfig,
      Runnable reloadRequest) {
    this(
        vertx,
        new ExpositionCache(registry, 0),
        new StatusBoard(Clock.systemUTC(), Duration.ofSeconds(1)),
        ready,
        version,
        webConfig,
        reloadRequest);
  }

  /**
   * Served as {@code webConfig} says: HTTPS when it has TLS, basic auth when it has users.
   *
   * @param page the {@code /metrics} page, rendered once per tick
   * @param status the latest tick for the status page at {@code /}
   * @param reloadRequest asks for a configuration reload on {@code POST /-/reload}, which answers
   *     202 at once (the reload replaces this server, so it cannot wait for it); null for no such
   *     endpoint
   */
  public MetricsHttpServer(
      Vertx vertx,
      ExpositionCache page,
      StatusBoard status,
      BooleanSupplier ready,
      String version,
      WebConfig webConfig,
      Runnable reloadRequest) {
    this.webConfig = webConfig;
    this.reloadRequest = reloadRequest;
    this.vertx = vertx;
    this.page = page;
    this.status = status;
    this.ready = ready;
    this.version = version;
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
      authentication = new BasicAuthentication(vertx, webConfig.basicAuthUsers());
      router.route().handler(authentication);
    }
    router.get("/metrics").handler(this::metrics);
    router.head("/metrics").handler(this::metrics);
    if (reloadRequest != null) {
      router
          .post("/-/reload")
          .handler(
              ctx -> {
                reloadRequest.run();
                plain(ctx, 202, "reload requested; see tokenjoule_config_last_reload_successful\n");
              });
    }
    router.get("/").handler(this::statusPage);
    router.head("/").handler(this::statusPage);
    router
        .get("/-/status")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(StatusFragment.render(status.latest().orElse(null))));
    // No compression by Netty: /metrics sends the page gzipped once per tick, the rest is small.
    HttpServerOptions options = new HttpServerOptions();
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
    boolean gzip = ExpositionNegotiation.acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
    Optional<byte[]> cached = page.cached(contentType, gzip);
    if (cached.isPresent()) {
      sendMetrics(ctx, contentType, gzip, cached.get());
      return;
    }
    vertx
        .executeBlocking(() -> page.page(contentType, gzip), false)
        .onSuccess(body -> sendMetrics(ctx, contentType, gzip, body))
        .onFailure(error -> plain(ctx, 500, "could not render metrics: " + describe(error) + "\n"));
  }

  private static void sendMetrics(
      RoutingContext ctx, String contentType, boolean gzip, byte[] body) {
    HttpServerResponse response =
        ctx.response().putHeader("Content-Type", contentType).putHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip");
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length)).end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }

  private void statusPage(RoutingContext ctx) {
    byte[] body =
        StatusPage.render(status.latest().orElse(null), version, status.refresh())
            .getBytes(StandardCharsets.UTF_8);
    HttpServerResponse response =
        ctx.response()
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY)
            .putHeader("X-Content-Type-Options", "nosniff");
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length)).end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof UncheckedIOException ? error.getCause() : error;
    return cause instanceof IOException ? cause.getMessage() : cause.toString();
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
    if (authentication != null) {
      authentication.close();
    }
  }
}
