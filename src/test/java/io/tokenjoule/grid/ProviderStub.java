package io.tokenjoule.grid;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for a provider: it answers each request URI (path and query) as
 * the test last told it to, and remembers the last request's headers.
 */
final class ProviderStub implements AutoCloseable {

  /** How to answer: a status and body, a body far larger than any limit, or no answer at all. */
  record Answer(int status, String body, Map<String, String> headers, Kind kind) {
    enum Kind {
      NORMAL,
      SILENT,
      HUGE
    }
  }

  static Answer json(String body) {
    return new Answer(200, body, Map.of("Content-Type", "application/json"), Answer.Kind.NORMAL);
  }

  static Answer status(int status, String body) {
    return new Answer(status, body, Map.of(), Answer.Kind.NORMAL);
  }

  static Answer status(int status, String body, Map<String, String> headers) {
    return new Answer(status, body, headers, Answer.Kind.NORMAL);
  }

  static Answer silent() {
    return new Answer(200, "", Map.of(), Answer.Kind.SILENT);
  }

  static Answer huge() {
    return new Answer(200, "", Map.of(), Answer.Kind.HUGE);
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile MultiMap lastHeaders;

  ProviderStub(Vertx vertx) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  requests.incrementAndGet();
                  lastHeaders = request.headers();
                  Answer answer = answers.get(request.uri());
                  if (answer == null) {
                    request.response().setStatusCode(404).end("no answer for " + request.uri());
                    return;
                  }
                  switch (answer.kind()) {
                    case SILENT -> {
                      // Never answers: the client's deadline must fire.
                    }
                    case HUGE -> {
                      request.response().setChunked(true);
                      for (int i = 0; i < 64; i++) {
                        request.response().write(Buffer.buffer(new byte[1024]));
                      }
                      request.response().end();
                    }
                    case NORMAL -> {
                      answer.headers().forEach(request.response()::putHeader);
                      request.response().setStatusCode(answer.status()).end(answer.body());
                    }
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  void answer(String uri, Answer answer) {
    answers.put(uri, answer);
  }

  int requests() {
    return requests.get();
  }

  String lastHeader(String name) {
    return lastHeaders == null ? null : lastHeaders.get(name);
  }

  @Override
  public void close() {
    server.close().await();
  }
}
