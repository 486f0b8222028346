package io.tokenjoule.export;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP metrics receiver for tests: {@code POST /v1/metrics} with a protobuf {@code
 * ExportMetricsServiceRequest} (gzipped or not), decoded with the OpenTelemetry proto classes and
 * kept with the request's headers; answers an empty {@code ExportMetricsServiceResponse} as the
 * OTLP specification says. Anything else gets 404 or 400.
 */
final class OtlpReceiver implements AutoCloseable {

  /** One received export. */
  record Export(ExportMetricsServiceRequest request, Map<String, String> headers) {}

  private final List<Export> received;
  private final HttpServer server;

  private OtlpReceiver(HttpServer server, List<Export> received) {
    this.server = server;
    this.received = received;
  }

  /** Listens on 127.0.0.1, over TLS with {@code cert} and {@code key} when they are given. */
  static OtlpReceiver start(Vertx vertx, Path cert, Path key) {
    HttpServerOptions options = new HttpServerOptions();
    if (cert != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
    }
    List<Export> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        vertx
            .createHttpServer(options)
            .requestHandler(
                request -> {
                  if (!request.path().equals("/v1/metrics")
                      || !request.method().name().equals("POST")) {
                    request.response().setStatusCode(404).end();
                    return;
                  }
                  request
                      .body()
                      .onSuccess(
                          body -> {
                            try {
                              byte[] bytes = body.getBytes();
                              if ("gzip".equals(request.getHeader("Content-Encoding"))) {
                                bytes =
                                    new GZIPInputStream(new ByteArrayInputStream(bytes))
                                        .readAllBytes();
                              }
                              Map<String, String> headers = new java.util.TreeMap<>();
                              request
                                  .headers()
                                  .forEach(
                                      h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                              received.add(
                                  new Export(
                                      ExportMetricsServiceRequest.parseFrom(bytes), headers));
                              request
                                  .response()
                                  .putHeader("Content-Type", "application/x-protobuf")
                                  .end(
                                      Buffer.buffer(
                                          ExportMetricsServiceResponse.getDefaultInstance()
                                              .toByteArray()));
                            } catch (IOException e) {
                              request.response().setStatusCode(400).end(e.toString());
                            }
                          });
                })
            .listen(0, "127.0.0.1")
            .await();
    return new OtlpReceiver(server, received);
  }

  /** Every export received so far, oldest first. */
  List<Export> received() {
    return received;
  }

  /** The URL to push to. */
  String url(String scheme) {
    return scheme + "://127.0.0.1:" + server.actualPort() + "/v1/metrics";
  }

  @Override
  public void close() {
    server.close().await();
  }
}
