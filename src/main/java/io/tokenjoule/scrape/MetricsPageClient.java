package io.tokenjoule.scrape;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches metrics pages over HTTP with hard bounds: one deadline for the whole exchange, and a
 * maximum body size enforced while the bytes arrive (after gzip decompression, so a small
 * compressed bomb is refused too). Every failure is a {@link ScrapeFailure} naming the URL.
 * Thread-safe; one client serves every target.
 */
public final class MetricsPageClient implements AutoCloseable {

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final MonotonicClock clock;

  public MetricsPageClient(Vertx vertx, MonotonicClock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDecompressionSupported(true)
                .setKeepAlive(true)
                .setMaxRedirects(0)
                .setName("tokenjoule-scraper"));
  }

  /**
   * gzip over the network; none over loopback, where compressing costs the inference server (often
   * a Python process) and the agent CPU every tick and saves nothing.
   */
  static String acceptEncoding(URI url) {
    String host = url.getHost();
    boolean loopback =
        host != null
            && (host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1"));
    return loopback ? "identity" : "gzip";
  }

  /** Fetches {@code url} asking for {@code accept}; fails with a {@link ScrapeFailure}. */
  public Future<FetchedPage> fetch(URI url, String accept, ScrapeLimits limits) {
    long timeoutMillis = Math.max(1, Math.round(limits.timeoutSeconds() * 1000));
    Promise<FetchedPage> result = Promise.promise();
    AtomicBoolean settled = new AtomicBoolean();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url.toString())
            .setConnectTimeout(timeoutMillis)
            .putHeader("Accept", accept)
            .putHeader("Accept-Encoding", acceptEncoding(url))
            .putHeader("User-Agent", "tokenjoule");
    double sent = clock.nowSeconds();
    long deadline =
        vertx.setTimer(
            timeoutMillis,
            id ->
                fail(
                    result,
                    settled,
                    new ScrapeFailure(
                        ScrapeError.TIMEOUT,
                        url + ": no complete answer within " + timeoutMillis + " ms")));
    result.future().onComplete(done -> vertx.cancelTimer(deadline));
    http.request(options)
        .onFailure(error -> fail(result, settled, connectionFailure(url, error)))
        .onSuccess(
            request -> {
              result.future().onFailure(error -> request.reset());
              request
                  .send()
                  .onFailure(error -> fail(result, settled, connectionFailure(url, error)))
                  .onSuccess(
                      response -> readBody(url, limits, sent, request, response, result, settled));
            });
    return result.future();
  }

  private void readBody(
      URI url,
      ScrapeLimits limits,
      double sent,
      HttpClientRequest request,
      HttpClientResponse response,
      Promise<FetchedPage> result,
      AtomicBoolean settled) {
    double head = clock.nowSeconds();
    if (response.statusCode() != 200) {
      fail(
          result,
          settled,
          new ScrapeFailure(
              ScrapeError.HTTP_STATUS,
              url + ": HTTP " + response.statusCode() + " " + response.statusMessage()));
      return;
    }
    String declaredLength = response.getHeader("Content-Length");
    if (declaredLength != null && parseLength(declaredLength) > limits.maxBodyBytes()) {
      fail(result, settled, tooLarge(url, limits, parseLength(declaredLength)));
      return;
    }
    Buffer body =
        Buffer.buffer(declaredLength == null ? 64 * 1024 : (int) parseLength(declaredLength));
    response.exceptionHandler(error -> fail(result, settled, connectionFailure(url, error)));
    response.handler(
        chunk -> {
          if (settled.get()) {
            return;
          }
          if ((long) body.length() + chunk.length() > limits.maxBodyBytes()) {
            fail(result, settled, tooLarge(url, limits, (long) body.length() + chunk.length()));
            request.reset();
            return;
          }
          body.appendBuffer(chunk);
        });
    response.endHandler(
        end -> {
          if (settled.compareAndSet(false, true)) {
            byte[] bytes = body.getBytes();
            result.complete(
                new FetchedPage(
                    bytes,
                    bytes.length,
                    response.getHeader("Content-Type"),
                    sent,
                    head,
                    clock.nowSeconds()));
          }
        });
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ScrapeFailure tooLarge(URI url, ScrapeLimits limits, long seen) {
    return new ScrapeFailure(
        ScrapeError.BODY_TOO_LARGE,
        url + ": page larger than max_body_bytes " + limits.maxBodyBytes() + " (saw " + seen + ")");
  }

  private static ScrapeFailure connectionFailure(URI url, Throwable error) {
    if (error instanceof ScrapeFailure failure) {
      return failure;
    }
    if (error instanceof TimeoutException) {
      return new ScrapeFailure(ScrapeError.TIMEOUT, url + ": " + error.getMessage());
    }
    String what =
        error instanceof ConnectException
            ? "connection refused or unreachable"
            : error instanceof UnknownHostException ? "unknown host" : "connection failed";
    return new ScrapeFailure(
        ScrapeError.CONNECTION, url + ": " + what + " (" + error.getMessage() + ")");
  }

  private static void fail(Promise<FetchedPage> result, AtomicBoolean settled, ScrapeFailure why) {
    if (settled.compareAndSet(false, true)) {
      result.fail(why);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
