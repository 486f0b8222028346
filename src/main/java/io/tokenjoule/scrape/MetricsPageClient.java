package io.tokenjoule.scrape;

import io.tokenjoule.MonotonicClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches metrics pages over HTTP with hard bounds: one deadline for the whole exchange, connect to
 * last byte, and a maximum body size counted on the decoded bytes as they arrive. The body is
 * decoded (gzip and deflate, asked for or not) and handed on by {@link BodyPipe} on worker threads,
 * in bounded blocks, so no page, however large or however compressed, is ever held whole unless the
 * caller wants it whole ({@link #fetch}), and then only up to the limit. Every failure is a {@link
 * ScrapeFailure} naming the URL. Thread-safe; one client serves every target.
 */
public final class MetricsPageClient implements AutoCloseable {

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final MonotonicClock clock;
  private final PageWorkers workers = new PageWorkers();

  public MetricsPageClient(Vertx vertx, MonotonicClock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                // Decoded here, in bounded blocks: Netty's decoder inflates a whole chunk at once.
                .setDecompressionSupported(false)
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

  /**
   * Fetches {@code url} asking for {@code accept} and returns the whole decoded page; fails with a
   * {@link ScrapeFailure}.
   */
  public Future<FetchedPage> fetch(URI url, String accept, ScrapeLimits limits) {
    return read(
        url,
        accept,
        limits,
        (head, declaredLength) ->
            new BufferedBody(head, declaredLength, limits.maxBodyBytes(), clock));
  }

  /** Makes the sink for one response once its head is in. */
  @FunctionalInterface
  interface SinkFactory<T> {
    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked or delimited by the
     *     connection's close
     */
    BodySink<T> open(PageHead head, long declaredLength) throws ScrapeFailure;
  }

  /**
   * Fetches {@code url} and streams its decoded body into the sink {@code sinks} makes, off the
   * event loop; the future completes with what the sink made of the page.
   */
  <T> Future<T> read(URI url, String accept, ScrapeLimits limits, SinkFactory<T> sinks) {
    long timeoutMillis = Math.max(1, Math.round(limits.timeoutSeconds() * 1000));
    Promise<T> result = Promise.promise();
    AtomicBoolean settled = new AtomicBoolean();
    AtomicReference<HttpClientResponse> responded = new AtomicReference<>();
    AtomicBoolean ended = new AtomicBoolean();
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
              Context context = Vertx.currentContext();
              request.exceptionHandler(
                  error -> fail(result, settled, connectionFailure(url, error)));
              result
                  .future()
                  .onFailure(
                      error ->
                          onContext(context, () -> abandon(request, responded.get(), ended.get())));
              request
                  .send()
                  .onFailure(error -> fail(result, settled, connectionFailure(url, error)))
                  .onSuccess(
                      response -> {
                        responded.set(response);
                        readBody(
                            url, limits, sent, context, response, sinks, result, settled, ended);
                      });
            });
    return result.future();
  }

  private <T> void readBody(
      URI url,
      ScrapeLimits limits,
      double sent,
      Context context,
      HttpClientResponse response,
      SinkFactory<T> sinks,
      Promise<T> result,
      AtomicBoolean settled,
      AtomicBoolean ended) {
    // First, so that the reset of a refused response is reported here, not logged by Vert.x.
    response.exceptionHandler(error -> fail(result, settled, connectionFailure(url, error)));
    response.endHandler(end -> ended.set(true));
    PageHead head = new PageHead(url, response.getHeader("Content-Type"), sent, clock.nowSeconds());
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
    long declared = declaredLength == null ? -1 : parseLength(declaredLength);
    if (declared > limits.maxBodyBytes()) {
      fail(result, settled, tooLarge(url, limits, declared));
      return;
    }
    BodyPipe<T> pipe;
    try {
      ContentDecoder decoder =
          ContentDecoder.forEncoding(response.getHeader("Content-Encoding"), url.toString());
      pipe =
          new BodyPipe<>(
              url.toString(),
              decoder,
              sinks.open(head, declared),
              limits.maxBodyBytes(),
              workers.executor(),
              new BodyPipe.Flow() {
                @Override
                public void pause() {
                  onContext(context, response::pause);
                }

                @Override
                public void resume() {
                  onContext(context, response::resume);
                }
              },
              new BodyPipe.Outcome<T>() {
                @Override
                public void completed(T value) {
                  if (settled.compareAndSet(false, true)) {
                    result.complete(value);
                  }
                }

                @Override
                public void failed(ScrapeFailure failure) {
                  fail(result, settled, failure);
                }
              });
    } catch (ScrapeFailure failure) {
      fail(result, settled, failure);
      return;
    }
    result.future().onFailure(error -> pipe.settle());
    response.handler(chunk -> pipe.chunk(chunk.getBytes()));
    response.endHandler(
        end -> {
          ended.set(true);
          pipe.end();
        });
  }

  /**
   * Ends an exchange that failed. A paused response is resumed first: chunks Vert.x queued while it
   * was paused hold pooled direct buffers, which a reset alone would never give back. A response
   * that has ended is left alone: its connection is back in the pool, maybe already carrying the
   * next scrape, which a reset would break.
   */
  private static void abandon(
      HttpClientRequest request, HttpClientResponse response, boolean ended) {
    if (ended) {
      return;
    }
    if (response != null) {
      response.resume();
    }
    request.reset();
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || context.isEventLoopContext() && Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
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
        url
            + ": page larger than max_body_bytes "
            + limits.maxBodyBytes()
            + " (Content-Length "
            + seen
            + ")");
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

  private static <T> void fail(Promise<T> result, AtomicBoolean settled, ScrapeFailure why) {
    if (settled.compareAndSet(false, true)) {
      result.fail(why);
    }
  }

  @Override
  public void close() {
    http.close();
    workers.close();
  }
}
