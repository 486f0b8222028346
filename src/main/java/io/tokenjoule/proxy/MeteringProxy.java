package io.tokenjoule.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.config.ProxySettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Optional;

/**
 * The metering proxy: listens for clients, forwards every request to the upstream server, and
 * meters the inference requests ({@link InferenceApi}) it forwards. One listener per event loop (as
 * many as there are processors) shares the port. Inference request bodies are read whole, up to
 * {@link ProxySettings#maxRequestBytes()}; every other body streams through. Thread-safe.
 */
public final class MeteringProxy implements AutoCloseable {

  /** Finished requests kept one by one between two ticks (for the per-request histogram). */
  static final int MAX_HELD_REQUESTS = 100_000;

  private final Vertx vertx;
  private final ProxySettings settings;
  private final HttpClientAgent client;
  private final TenantResolver tenants;
  private final LabelBudget models;
  private final ProxyMeters meters;
  private final RequestSink sink;
  private final FinishedRequests finished;
  private final String upstreamBase;
  private String deployment;
  private volatile int port;

  private MeteringProxy(
      Vertx vertx,
      ProxySettings settings,
      MeterRegistry registry,
      boolean accounting,
      RequestSink observer) {
    this.vertx = vertx;
    this.settings = settings;
    this.models = new LabelBudget(settings.maxModels());
    this.tenants =
        new TenantResolver(
            settings.tenantHeader(), settings.tenantMap(), new LabelBudget(settings.maxTenants()));
    this.meters = new ProxyMeters(registry, tenants.budget(), models);
    this.finished = accounting ? new FinishedRequests(MAX_HELD_REQUESTS, meters::inFlight) : null;
    RequestSink counted = accounting ? meters.andThen(finished) : meters;
    this.sink = observer == null ? counted : counted.andThen(observer);
    String base = settings.upstream().toString();
    this.upstreamBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxRedirects(0)
                .setName("tokenjoule-proxy"),
            new PoolOptions().setHttp1MaxSize(settings.maxConnections()).setMaxWaitQueueSize(-1));
  }

  /**
   * Starts listening on {@code host:port} (port 0: any free port).
   *
   * @param accounting whether the agent's tick will read the finished requests ({@link
   *     #finishedRequests()}) to join them to energy
   * @return completes once every listener is bound, or fails with the reason (port taken)
   */
  public static Future<MeteringProxy> start(
      Vertx vertx,
      ProxySettings settings,
      String host,
      int port,
      MeterRegistry registry,
      boolean accounting) {
    return start(vertx, settings, host, port, registry, accounting, null);
  }

  /** As the public {@code start}, with {@code observer} also told of every finished request. */
  static Future<MeteringProxy> start(
      Vertx vertx,
      ProxySettings settings,
      String host,
      int port,
      MeterRegistry registry,
      boolean accounting,
      RequestSink observer) {
    MeteringProxy proxy = new MeteringProxy(vertx, settings, registry, accounting, observer);
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx
        .deployVerticle(
            () -> proxy.new Listener(host, port), new DeploymentOptions().setInstances(instances))
        .map(
            id -> {
              proxy.deployment = id;
              return proxy;
            })
        .onFailure(failed -> proxy.client.close());
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The finished requests, kept for the agent's tick; empty unless started for accounting. */
  public Optional<FinishedRequests> finishedRequests() {
    return Optional.ofNullable(finished);
  }

  /** The proxy's meters: in-flight requests, tokens and requests per tenant. */
  public ProxyMeters meters() {
    return meters;
  }

  private void handle(HttpServerRequest request) {
    request.pause();
    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setAbsoluteURI(upstreamBase + request.uri())
            .setConnectTimeout(settings.connectTimeout().toMillis())
            .setIdleTimeout(settings.upstreamTimeout().toMillis());
    Optional<InferenceApi> api = InferenceApi.of(request.method().name(), request.path());
    if (api.isEmpty()) {
      new ProxyExchange(request, client, options, null).sendStreaming();
      return;
    }
    meters.started();
    Metering metering = new Metering(tenants.tenant(request.headers()), models, sink);
    ProxyExchange exchange = new ProxyExchange(request, client, options, metering);
    BoundedBody.read(request, settings.maxRequestBytes())
        .onComplete(
            body -> {
              if (exchange.done()) {
                return;
              }
              if (body.failed()) {
                exchange.refuseTooLarge(settings.maxRequestBytes());
                return;
              }
              Buffer bytes = body.result();
              metering.inspect(api.get(), bytes.getBytes());
              exchange.send(Buffer.buffer(metering.inspection().body()));
            });
  }

  @Override
  public void close() {
    if (deployment != null) {
      vertx.undeploy(deployment).await();
    }
    client.close().await();
  }

  /** One listener, on its own event loop. */
  private final class Listener extends VerticleBase {
    private final String host;
    private final int requestedPort;
    private HttpServer server;

    Listener(String host, int requestedPort) {
      this.host = host;
      this.requestedPort = requestedPort;
    }

    @Override
    public Future<?> start() {
      server =
          vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true));
      return server
          .requestHandler(MeteringProxy.this::handle)
          // Vert.x shares one random port among the instances that ask for -1; 0 would give each
          // instance a port of its own.
          .listen(requestedPort == 0 ? -1 : requestedPort, host)
          .onSuccess(bound -> port = bound.actualPort());
    }

    @Override
    public Future<?> stop() {
      return server.close();
    }
  }
}
