package io.tokenjoule.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.config.ProxySettings;
import io.tokenjoule.export.PrometheusNaming;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A test server and a metering proxy in front of it, with a plain HTTP client for both. */
final class ProxyFixture implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final InferenceTestServer upstream = new InferenceTestServer(vertx);
  final PrometheusMeterRegistry registry = PrometheusNaming.newRegistry();
  final List<RequestRecord> records = new ArrayList<>();
  final MeteringProxy proxy;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ProxyFixture() {
    this(settings -> settings);
  }

  ProxyFixture(UnaryOperator<ProxySettings> adjust) {
    ProxySettings settings = adjust.apply(ProxySettings.defaults(URI.create(upstream.baseUrl())));
    proxy =
        MeteringProxy.start(vertx, settings, "127.0.0.1", 0, registry, true, this::recorded)
            .await();
  }

  private synchronized void recorded(RequestRecord record) {
    records.add(record);
  }

  synchronized List<RequestRecord> records() {
    return List.copyOf(records);
  }

  String proxyUrl(String path) {
    return "http://127.0.0.1:" + proxy.port() + path;
  }

  String directUrl(String path) {
    return upstream.baseUrl() + path;
  }

  /** POSTs a JSON body; returns the response with its body as bytes. */
  HttpResponse<byte[]> post(String url, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The proxy's token counter, 0 when it does not exist. */
  double tokens(String tenant, String model, String kind, boolean estimated) {
    Counter counter =
        registry
            .find("tokenjoule.proxy.tokens")
            .tags(
                "tenant",
                tenant,
                "model",
                model,
                "kind",
                kind,
                "estimated",
                Boolean.toString(estimated))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  double requests(String tenant, String model, RequestOutcome outcome) {
    Counter counter =
        registry
            .find("tokenjoule.proxy.requests")
            .tags("tenant", tenant, "model", model, "outcome", outcome.label())
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** Waits until the proxy has recorded {@code count} requests (recording ends an exchange). */
  void awaitRecords(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (records().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** {@link #awaitRecords}, for tests that cannot throw. */
  void awaitRecordsQuietly(int count) {
    try {
      awaitRecords(count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    proxy.close();
    upstream.close();
    vertx.close().await();
  }
}
