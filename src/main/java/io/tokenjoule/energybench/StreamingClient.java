package io.tokenjoule.energybench;

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
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one streaming request and turns whatever comes back into a {@link RequestOutcome}: the
 * returned future always succeeds, a failure being an outcome with an {@link ErrorKind}. Each
 * request has one deadline for the whole exchange; when it passes the request is reset.
 * Thread-safe.
 */
public final class StreamingClient implements AutoCloseable {

  private static final int MAX_ERROR_BODY_BYTES = 4096;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final MonotonicClock clock;
  private final URI endpoint;
  private final String apiKey;
  private final ApiKind api;
  private final long timeoutMillis;

  /**
   * @param endpoint the full URL of the API, for example {@code http://host:8000/v1/completions}
   * @param apiKey sent as {@code Authorization: Bearer}; null for none
   * @param maxConnections the pool size: the highest concurrency the client must sustain
   */
  public StreamingClient(
      Vertx vertx,
      MonotonicClock clock,
      URI endpoint,
      String apiKey,
      ApiKind api,
      double timeoutSeconds,
      int maxConnections) {
    this.vertx = vertx;
    this.clock = clock;
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.api = api;
    this.timeoutMillis = Math.max(1, Math.round(timeoutSeconds * 1000));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxRedirects(0)
                .setName("tokenjoule-bench"),
            new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
  }

  /** Sends request {@code index} with {@code body}; the future completes once, with its outcome. */
  public Future<RequestOutcome> send(int index, byte[] body) {
    return send(index, body, () -> {});
  }

  /**
   * As {@link #send(int, byte[])}, and runs {@code onSending} at the instant recorded as the
   * request's start, once a connection is ready; it must not block.
   */
  public Future<RequestOutcome> send(int index, byte[] body, Runnable onSending) {
    Promise<RequestOutcome> result = Promise.promise();
    AtomicBoolean settled = new AtomicBoolean();
    StreamState stream = new StreamState(api);
    Outcomes outcomes = new Outcomes(index, clock.nowSeconds(), stream, result, settled);
    long deadline =
        vertx.setTimer(
            timeoutMillis,
            id ->
                outcomes.fail(
                    ErrorKind.TIMEOUT, "no complete answer within " + timeoutMillis + " ms"));
    result.future().onComplete(done -> vertx.cancelTimer(deadline));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(endpoint.toString())
            .setConnectTimeout(timeoutMillis)
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "text/event-stream")
            .putHeader("User-Agent", "tokenjoule-bench");
    if (apiKey != null) {
      options.putHeader("Authorization", "Bearer " + apiKey);
    }
    http.request(options)
        .onFailure(error -> outcomes.fail(connectionKind(error), describe(error)))
        .onSuccess(
            request -> {
              outcomes.sending();
              onSending.run();
              result.future().onComplete(done -> outcomes.resetIfUnfinished(request));
              request
                  .send(Buffer.buffer(body))
                  .onFailure(error -> outcomes.fail(connectionKind(error), describe(error)))
                  .onSuccess(response -> read(response, stream, outcomes));
            });
    return result.future();
  }

  private void read(HttpClientResponse response, StreamState stream, Outcomes outcomes) {
    if (response.statusCode() != 200) {
      Buffer head = Buffer.buffer();
      response.handler(
          chunk -> {
            if (head.length() < MAX_ERROR_BODY_BYTES) {
              head.appendBuffer(chunk);
            }
          });
      response.exceptionHandler(
          error -> outcomes.fail(ErrorKind.HTTP_STATUS, "HTTP " + response.statusCode()));
      response.endHandler(
          end ->
              outcomes.endedWith(
                  ErrorKind.HTTP_STATUS,
                  "HTTP " + response.statusCode() + ": " + firstLine(head.toString())));
      return;
    }
    SseDecoder decoder = new SseDecoder(payload -> stream.onEvent(payload, clock.nowSeconds()));
    response.handler(
        chunk -> {
          try {
            decoder.feed(chunk.getBytes());
          } catch (IllegalStateException e) {
            stream.fail(ErrorKind.MALFORMED_STREAM, e.getMessage());
          }
          if (stream.failed()) {
            outcomes.finish();
          }
        });
    response.exceptionHandler(
        error ->
            outcomes.fail(
                ErrorKind.INCOMPLETE_STREAM,
                "the connection failed mid-stream (" + error.getMessage() + ")"));
    response.endHandler(end -> outcomes.endedWith(null, null));
  }

  private static ErrorKind connectionKind(Throwable error) {
    return error instanceof TimeoutException ? ErrorKind.TIMEOUT : ErrorKind.CONNECTION;
  }

  private String describe(Throwable error) {
    String what = error instanceof ConnectException ? "connection refused or unreachable" : "";
    return endpoint + ": " + (what.isEmpty() ? "" : what + " ") + "(" + error.getMessage() + ")";
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 197) + "...";
  }

  /** Settles one request's future exactly once. */
  private final class Outcomes {
    private final int index;
    private volatile double start;
    private final StreamState stream;
    private final Promise<RequestOutcome> result;
    private final AtomicBoolean settled;
    private volatile boolean ended;

    Outcomes(
        int index,
        double start,
        StreamState stream,
        Promise<RequestOutcome> result,
        AtomicBoolean settled) {
      this.index = index;
      this.start = start;
      this.stream = stream;
      this.result = result;
      this.settled = settled;
    }

    void fail(ErrorKind kind, String detail) {
      if (settled.compareAndSet(false, true)) {
        result.complete(
            RequestOutcome.failed(
                index, start, stream.firstChunkSeconds(), clock.nowSeconds(), kind, detail));
      }
    }

    /**
     * A connection is ready and the request goes out now: the request starts here, so the time
     * spent opening connections is not counted as in flight on the server.
     */
    void sending() {
      start = clock.nowSeconds();
    }

    /** The response ended: settles with {@code kind} or, when null, with what the stream said. */
    void endedWith(ErrorKind kind, String detail) {
      ended = true;
      if (kind == null) {
        finish();
      } else {
        fail(kind, detail);
      }
    }

    /** Stops a request still sending, after a timeout or a malformed stream. */
    void resetIfUnfinished(HttpClientRequest request) {
      if (!ended) {
        request.reset();
      }
    }

    void finish() {
      if (settled.compareAndSet(false, true)) {
        result.complete(stream.outcome(index, start, clock.nowSeconds()));
      }
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
