package io.tokenjoule.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One request forwarded to the server and its answer forwarded back, on the event loop of the
 * client's connection. The answer streams through with backpressure: when the client reads slower
 * than the server writes, the server's response is paused until the client drains. A client that
 * goes away cancels the upstream request (the connection is reset). A server that cannot be reached
 * or stays silent gets the client a 502 or 504; one that breaks off mid-answer gets the client's
 * connection reset, so the client sees the answer is incomplete. A metered request is reported
 * exactly once, whichever way it ends.
 */
final class ProxyExchange {

  /** Request headers not forwarded: the proxy sets Host and, for a metered body, its length. */
  private static final Set<String> FORWARD_LEAVE_OUT = Set.of("host");

  /**
   * A metered request also leaves out Accept-Encoding, so that the answer comes uncompressed and
   * can be read; a client that accepts compression accepts an identity body too.
   */
  private static final Set<String> METERED_LEAVE_OUT =
      Set.of("host", "content-length", "accept-encoding");

  /** How much of a refused body is read and dropped before the connection is closed. */
  private static final long MAX_DISCARDED_BYTES = 64L << 20;

  private final HttpServerRequest request;
  private final HttpClientAgent client;
  private final RequestOptions options;
  private final Metering metering;
  private HttpClientRequest upstream;
  private boolean done;

  /**
   * @param options where to send it: method, absolute URI and timeouts, without headers yet
   * @param metering the metering of an inference request, or null to forward unmetered
   */
  ProxyExchange(
      HttpServerRequest request,
      HttpClientAgent client,
      RequestOptions options,
      Metering metering) {
    this.request = request;
    this.client = client;
    this.options = options;
    this.metering = metering;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    options.setHeaders(headers);
    HopHeaders.copy(
        request.headers(), headers, metering == null ? FORWARD_LEAVE_OUT : METERED_LEAVE_OUT);
    request.response().closeHandler(closed -> clientClosed());
  }

  /**
   * Refuses a metered request whose body is over the limit. The rest of the body is read and
   * dropped so that the client, still sending, gets to read the answer; a client that sends more
   * than {@link #MAX_DISCARDED_BYTES} after it has its connection closed.
   */
  void refuseTooLarge(long limit) {
    if (done) {
      return;
    }
    finish(RequestOutcome.TOO_LARGE);
    long[] dropped = {0};
    request.handler(
        chunk -> {
          dropped[0] += chunk.length();
          if (dropped[0] > MAX_DISCARDED_BYTES) {
            request.connection().close();
          }
        });
    request.resume();
    request
        .response()
        .setStatusCode(413)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(ProxyErrors.json("the request body is larger than " + limit + " bytes"));
  }

  /** Whether the exchange has ended (the client left, or it was answered). */
  boolean done() {
    return done;
  }

  /** Sends the request with this body (a metered request, read whole). */
  void send(Buffer body) {
    client
        .request(options)
        .onComplete(
            ready -> {
              if (ready.failed()) {
                failBeforeAnswer(ready.cause());
              } else if (started(ready.result())) {
                answerWith(upstream.send(body));
              }
            });
  }

  /** Sends the request with its body streamed from the client as it comes (unmetered). */
  void sendStreaming() {
    boolean hasBody =
        request.headers().contains("Content-Length")
            || request.headers().contains("Transfer-Encoding");
    client
        .request(options)
        .onComplete(
            ready -> {
              if (ready.failed()) {
                failBeforeAnswer(ready.cause());
              } else if (started(ready.result())) {
                if (hasBody && !request.headers().contains("Content-Length")) {
                  upstream.setChunked(true);
                }
                if (hasBody) {
                  answerWith(upstream.send(request));
                } else {
                  request.resume();
                  answerWith(upstream.send());
                }
              }
            });
  }

  private boolean started(HttpClientRequest sent) {
    upstream = sent;
    if (done) { // the client left while the connection was being made
      sent.reset();
      return false;
    }
    return true;
  }

  private void answerWith(Future<HttpClientResponse> answer) {
    answer.onComplete(
        response -> {
          if (response.failed()) {
            failBeforeAnswer(response.cause());
          } else {
            forward(response.result());
          }
        });
  }

  private void forward(HttpClientResponse answer) {
    if (done) {
      upstream.reset();
      return;
    }
    HttpServerResponse out = request.response();
    ResponseMeter meter =
        metering == null ? ResponseMeter.passThrough() : metering.meterFor(answer);
    out.setStatusCode(answer.statusCode());
    if (answer.statusMessage() != null) {
      out.setStatusMessage(answer.statusMessage());
    }
    boolean rewrites = metering != null && metering.inspection().usageInjected();
    HopHeaders.copy(
        answer.headers(), out.headers(), rewrites ? Set.of("content-length") : Set.of());
    if (!out.headers().contains("Content-Length")) {
      out.setChunked(true);
    }
    RequestOutcome ending =
        answer.statusCode() / 100 == 2 ? RequestOutcome.OK : RequestOutcome.HTTP_ERROR;
    answer.handler(
        chunk -> {
          if (done) {
            return;
          }
          Buffer forward = meter.onChunk(chunk);
          if (forward.length() > 0) {
            out.write(forward);
          }
          if (out.writeQueueFull()) {
            answer.pause();
            out.drainHandler(drained -> answer.resume());
          }
        });
    answer.exceptionHandler(
        error -> {
          if (!done) {
            finish(RequestOutcome.UPSTREAM_FAILED);
            out.reset();
          }
        });
    answer.endHandler(
        end -> {
          if (!done) {
            Buffer rest = meter.onEnd();
            finish(ending); // first: ending the response may report the connection closed
            out.end(rest);
          }
        });
  }

  /** No answer came: 504 when the server stayed silent too long, else 502. */
  private void failBeforeAnswer(Throwable error) {
    if (done) {
      return;
    }
    HttpServerResponse out = request.response();
    boolean timeout = error instanceof TimeoutException;
    int status = timeout ? 504 : 502;
    String reason =
        timeout
            ? "the inference server did not answer in time"
            : "the inference server cannot be reached: " + error.getMessage();
    finish(RequestOutcome.UPSTREAM_FAILED);
    if (!out.headWritten()) {
      out.setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(ProxyErrors.json(reason));
    } else {
      out.reset();
    }
  }

  private void clientClosed() {
    if (!done) {
      finish(RequestOutcome.CLIENT_CLOSED);
      if (upstream != null) {
        upstream.reset();
      }
    }
  }

  private void finish(RequestOutcome ending) {
    done = true;
    if (metering != null) {
      metering.finish(ending);
    }
  }
}
