package io.tokenjoule.energybench;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.Seconds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
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

  /** Attempts of one request, the first included, when the earlier ones provably never left. */
  static final int MAX_ATTEMPTS = 3;

  private static final long WRITE_OUTCOME_WAIT_MILLIS = 1000;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final MonotonicClock clock;
  private final URI endpoint;
  private final String apiKey;
  private final ApiKind api;
  private final long timeoutMillis;
  private final ConnectionReuse reuse = new ConnectionReuse();

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
    this.timeoutMillis = Seconds.toMillisAtLeastOne(timeoutSeconds);
    this.http =
        vertx
            .httpClientBuilder()
            .with(
                new HttpClientOptions()
                    .setKeepAlive(true)
                    .setMaxRedirects(0)
                    .setName("tokenjoule-bench"))
            .with(new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1))
            .withConnectHandler(reuse::opened)
            .build();
  }

  /** Sends request {@code index} with {@code body}; the future completes once, with its outcome. */
  public Future<RequestOutcome> send(int index, byte[] body) {
    return send(index, body, () -> {});
  }

  /**
   * As {@link #send(int, byte[])}, and runs {@code onSending} at the instant recorded as the
   * request's start, once a connection is ready; it must not block. A request that provably never
   * left (its connection was found closed before any byte of it was written) is sent again, up to
   * {@value #MAX_ATTEMPTS} times in all; {@code onSending} runs once.
   */
  public Future<RequestOutcome> send(int index, byte[] body, Runnable onSending) {
    Promise<RequestOutcome> result = Promise.promise();
    Outcomes outcomes = new Outcomes(index, clock.nowSeconds(), result, onSending);
    long deadline =
        vertx.setTimer(
            timeoutMillis,
            id ->
                outcomes.fail(
                    ErrorKind.TIMEOUT, "no complete answer within " + timeoutMillis + " ms"));
    result
        .future()
        .onComplete(
            done -> {
              vertx.cancelTimer(deadline);
              outcomes.resetIfUnfinished();
            });
    attempt(outcomes, body);
    return result.future();
  }

  /** Why connections are no longer reused, or null while they are. */
  public String connectionReuseStopped() {
    return reuse.reason();
  }

  /**
   * Waits {@code millis} so that a server which closes a connection right after each response does
   * so, and the client learns it before the load starts rather than by losing a request.
   */
  public void letIdleConnectionsSettle(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private void attempt(Outcomes outcomes, byte[] body) {
    outcomes.tried();
    StreamState stream = new StreamState(api);
    boolean askToClose = !reuse.allowed();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(endpoint.toString())
            .setConnectTimeout(timeoutMillis)
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "text/event-stream")
            .putHeader("User-Agent", "tokenjoule-bench");
    if (askToClose) {
      options.putHeader("Connection", "close");
    }
    if (apiKey != null) {
      options.putHeader("Authorization", "Bearer " + apiKey);
    }
    http.request(options)
        .onFailure(
            error -> {
              if (neverWritten(error) && outcomes.mayRetry()) {
                attempt(outcomes, body);
              } else {
                outcomes.fail(connectionKind(error), describe(error));
              }
            })
        .onSuccess(
            request -> {
              HttpConnection connection = request.connection();
              if (!outcomes.sending(request, connection, stream)) {
                request.reset();
                return;
              }
              reuse.busy(connection);
              Promise<Void> written = Promise.promise();
              request
                  .response()
                  .onSuccess(response -> read(response, stream, outcomes, askToClose))
                  .onFailure(
                      error ->
                          settledWithin(written, WRITE_OUTCOME_WAIT_MILLIS)
                              .onComplete(
                                  write -> {
                                    reuse.abandoned(connection);
                                    if (write.failed()
                                        && neverWritten(write.cause())
                                        && outcomes.mayRetry()) {
                                      attempt(outcomes, body);
                                    } else {
                                      outcomes.fail(
                                          connectionKind(error),
                                          describe(error)
                                              + (write.succeeded()
                                                  ? "; the request had been sent, so it is not"
                                                      + " retried"
                                                  : ""));
                                    }
                                  }));
              request
                  .end(Buffer.buffer(body))
                  .onComplete(
                      write -> {
                        if (write.succeeded()) {
                          written.tryComplete();
                        } else {
                          written.tryFail(write.cause());
                        }
                      });
            });
  }

  /**
   * {@code written}'s future, failed (as possibly sent) if the write has not settled within {@code
   * millis}: a write cut off by a closing connection may never report.
   */
  private Future<Void> settledWithin(Promise<Void> written, long millis) {
    long timer =
        vertx.setTimer(
            millis, id -> written.tryFail(new IllegalStateException("write outcome unknown")));
    return written.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /**
   * Whether a failure proves that no byte of the request reached the connection: the connection was
   * already closed when the request was to be written (Netty refuses the write outright).
   */
  private static boolean neverWritten(Throwable error) {
    return error instanceof HttpClosedException || error instanceof ClosedChannelException;
  }

  private void read(
      HttpClientResponse response, StreamState stream, Outcomes outcomes, boolean askedToClose) {
    HttpConnection connection = response.request().connection();
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
          end -> {
            reuse.responseEnded(connection, response, askedToClose);
            outcomes.endedWith(
                ErrorKind.HTTP_STATUS,
                "HTTP " + response.statusCode() + ": " + firstLine(head.toString()));
          });
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
    response.endHandler(
        end -> {
          reuse.responseEnded(connection, response, askedToClose);
          outcomes.endedWith(null, null);
        });
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

  /** Settles one request's future exactly once, whichever attempt it comes from. */
  private final class Outcomes {
    private final int index;
    private final Promise<RequestOutcome> result;
    private final AtomicBoolean settled = new AtomicBoolean();
    private Runnable onSending;
    private volatile double start;
    private volatile int attempts;
    private volatile StreamState stream;
    private volatile HttpClientRequest request;
    private volatile HttpConnection connection;
    private volatile boolean ended;

    Outcomes(int index, double start, Promise<RequestOutcome> result, Runnable onSending) {
      this.index = index;
      this.start = start;
      this.result = result;
      this.onSending = onSending;
    }

    /** One more attempt begins. */
    void tried() {
      attempts++;
    }

    /** Whether another attempt may be made: the request is unsettled and has attempts left. */
    boolean mayRetry() {
      return !settled.get() && attempts < MAX_ATTEMPTS;
    }

    /**
     * A connection is ready and the attempt goes out now: the request starts here, so the time
     * spent opening connections is not counted as in flight on the server.
     *
     * @return false when the request has already settled (its deadline passed)
     */
    synchronized boolean sending(
        HttpClientRequest request, HttpConnection connection, StreamState stream) {
      if (settled.get()) {
        return false;
      }
      this.request = request;
      this.connection = connection;
      this.stream = stream;
      start = clock.nowSeconds();
      if (onSending != null) {
        onSending.run();
        onSending = null;
      }
      return true;
    }

    void fail(ErrorKind kind, String detail) {
      if (settled.compareAndSet(false, true)) {
        StreamState current = stream;
        result.complete(
            RequestOutcome.failed(
                index,
                start,
                current == null ? Double.NaN : current.firstChunkSeconds(),
                clock.nowSeconds(),
                Math.max(1, attempts),
                kind,
                detail));
      }
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

    /** Stops an attempt still under way, after a timeout or a malformed stream. */
    void resetIfUnfinished() {
      HttpClientRequest current = request;
      if (!ended && current != null) {
        if (connection != null) {
          reuse.abandoned(connection);
        }
        current.reset();
      }
    }

    void finish() {
      if (settled.compareAndSet(false, true)) {
        result.complete(stream.outcome(index, start, clock.nowSeconds(), attempts));
      }
    }
  }

  @Override
  public void close() {
    reuse.shutdown();
    http.close();
  }
}
