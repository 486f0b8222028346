package io.tokenjoule.export;

import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.tokenjoule.config.OtlpExportConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts OTLP/HTTP protobuf requests with Vert.x's web client: the configured headers, the timeout,
 * and TLS with the configured CA and client certificate. A push that fails (no connection, a
 * timeout, a status other than 2xx) throws, saying where and why; the registry logs it and pushes
 * again at the next interval. Called from the registry's publishing thread.
 */
final class OtlpHttpSender implements OtlpMetricsSender, AutoCloseable {

  private static final int MAX_ERROR_BODY = 200;

  private final WebClient client;
  private final long timeoutMillis;

  OtlpHttpSender(Vertx vertx, OtlpExportConfig config) {
    WebClientOptions options =
        new WebClientOptions()
            .setUserAgent("tokenjoule")
            .setConnectTimeout((int) config.timeout().toMillis());
    if ("https".equals(config.endpoint().getScheme())) {
      options.setSsl(true).setVerifyHost(true);
      config
          .caFile()
          .ifPresent(
              ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
      if (config.certFile().isPresent()) {
        options.setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(config.certFile().get().toString())
                .setKeyPath(config.keyFile().orElseThrow().toString()));
      }
    }
    this.client = WebClient.create(vertx, options);
    this.timeoutMillis = config.timeout().toMillis();
  }

  @Override
  public void send(Request request) throws Exception {
    byte[] body = request.getMetricsData();
    HttpRequest<Buffer> post =
        client
            .postAbs(request.getAddress())
            .timeout(timeoutMillis)
            .putHeader("Content-Type", "application/x-protobuf");
    request.getHeaders().forEach(post::putHeader);
    if (request.getCompressionMode() == CompressionMode.GZIP) {
      body = gzip(body);
      post.putHeader("Content-Encoding", "gzip");
    }
    HttpResponse<Buffer> response = post.sendBuffer(Buffer.buffer(body)).await();
    if (response.statusCode() / 100 != 2) {
      String text = response.bodyAsString();
      throw new IOException(
          request.getAddress()
              + " answered HTTP "
              + response.statusCode()
              + (text == null || text.isBlank()
                  ? ""
                  : ": " + text.substring(0, Math.min(MAX_ERROR_BODY, text.length())).strip()));
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    client.close();
  }
}
