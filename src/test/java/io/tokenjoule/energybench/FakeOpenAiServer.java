package io.tokenjoule.energybench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * An OpenAI-compatible server for tests: {@code POST /v1/chat/completions} and {@code
 * /v1/completions} stream {@code max_tokens} one-token chunks at a fixed interval after a fixed
 * prefill delay, then a {@code usage} chunk and {@code data: [DONE]}, and charge each token's
 * energy to {@link TokenPoweredGpus} as it is sent. Prompt tokens are the prompt's whitespace
 * separated words. {@code GET /metrics} serves the GPUs' energy counters as a tokenjoule agent
 * would. Misbehaviour is scripted per request, by arrival order. Like a real server it counts the
 * prompt tokens it prefilled, the tokens it generated and the requests it finished, and the test
 * can read those counters. It can also close connections the way some servers do: after every
 * response (llama.cpp's llama-server, while announcing {@code Keep-Alive: timeout=5, max=100}), or
 * when one has been idle for a while, earlier than any client would guess.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** What the server does with one request. */
  public enum Behaviour {
    SERVE,
    /** Sends two good chunks, then a data: line that is not JSON. */
    BAD_JSON,
    /** Sends two good chunks, then ends the response without usage or [DONE]. */
    STOP_BEFORE_DONE,
    /** Sends two good chunks, then closes the connection. */
    DROP_CONNECTION,
    /** Answers HTTP 500 with an error body. */
    HTTP_500,
    /** Never answers. */
    HANG,
    /** Streams normally but without a usage chunk. */
    NO_USAGE
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final HttpServer server;
  private final TokenPoweredGpus gpus;
  private final MonotonicClock clock;
  private final long prefillMillis;
  private final long tokenMillis;
  private final List<Double> arrivals = new ArrayList<>();
  private final Map<HttpServerResponse, HttpConnection> connections = new ConcurrentHashMap<>();
  private volatile IntFunction<Behaviour> script = i -> Behaviour.SERVE;
  private final AtomicLong promptTokensTotal = new AtomicLong();
  private final AtomicLong generatedTokensTotal = new AtomicLong();
  private final AtomicLong requestsTotal = new AtomicLong();
  private final AtomicLong connectionsOpened = new AtomicLong();
  private final Map<HttpConnection, Long> idleTimers = new ConcurrentHashMap<>();
  private volatile boolean closeAfterEachResponse;
  private volatile long idleCloseMillis = -1;

  public FakeOpenAiServer(
      TokenPoweredGpus gpus, MonotonicClock clock, long prefillMillis, long tokenMillis)
      throws Exception {
    this.vertx = Vertx.vertx();
    this.gpus = gpus;
    this.clock = clock;
    this.prefillMillis = prefillMillis;
    this.tokenMillis = tokenMillis;
    this.server =
        vertx
            .createHttpServer()
            .connectionHandler(connection -> connectionsOpened.incrementAndGet())
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/metrics";
  }

  public TokenPoweredGpus gpus() {
    return gpus;
  }

  /**
   * Closes the connection right after each response has been sent, without announcing it: the
   * response says {@code Keep-Alive: timeout=5, max=100} as llama-server's does.
   */
  public void closeAfterEachResponse() {
    this.closeAfterEachResponse = true;
  }

  /** Closes a connection once it has been idle for {@code millis}, announcing nothing. */
  public void closeIdleConnectionsAfter(long millis) {
    this.idleCloseMillis = millis;
  }

  /** Prompt tokens prefilled, as the server's own counter. */
  public long promptTokensTotal() {
    return promptTokensTotal.get();
  }

  /** Tokens generated and sent, as the server's own counter. */
  public long generatedTokensTotal() {
    return generatedTokensTotal.get();
  }

  /** Requests answered to the end, as the server's own counter. */
  public long requestsTotal() {
    return requestsTotal.get();
  }

  /** TCP connections accepted. */
  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  /** Sets what each request does, by arrival index from 0. */
  public void script(IntFunction<Behaviour> script) {
    this.script = script;
  }

  /** When each request arrived, on the shared monotonic clock, in arrival order. */
  public synchronized List<Double> arrivals() {
    return List.copyOf(arrivals);
  }

  private void handle(HttpServerRequest request) {
    if (request.method().name().equals("GET") && request.path().equals("/metrics")) {
      request
          .response()
          .putHeader("Content-Type", "text/plain; version=0.0.4")
          .end(gpus.metricsPage());
      return;
    }
    boolean chat = request.path().equals("/v1/chat/completions");
    if (!chat && !request.path().equals("/v1/completions")) {
      request.response().setStatusCode(404).end();
      return;
    }
    Long idle = idleTimers.remove(request.connection());
    if (idle != null) {
      vertx.cancelTimer(idle);
    }
    int index;
    synchronized (this) {
      index = arrivals.size();
      arrivals.add(clock.nowSeconds());
    }
    Behaviour behaviour = script.apply(index);
    connections.put(request.response(), request.connection());
    request.response().closeHandler(closed -> connections.remove(request.response()));
    request.response().endHandler(ended -> connections.remove(request.response()));
    request.body().onSuccess(body -> respond(request.response(), chat, body, behaviour));
  }

  private void respond(HttpServerResponse response, boolean chat, Buffer body, Behaviour what) {
    if (what == Behaviour.HANG) {
      return;
    }
    if (what == Behaviour.HTTP_500) {
      response.setStatusCode(500).end("{\"error\": {\"message\": \"engine crashed\"}}");
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      response.setStatusCode(400).end();
      return;
    }
    int maxTokens = request.path("max_tokens").asInt(16);
    long promptTokens = promptTokens(request, chat);
    response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    response.putHeader("Keep-Alive", "timeout=5, max=100");
    vertx.setTimer(
        Math.max(1, prefillMillis),
        id -> {
          gpus.prefill(promptTokens);
          promptTokensTotal.addAndGet(promptTokens);
          sendToken(response, chat, what, 0, maxTokens, promptTokens);
        });
  }

  private void sendToken(
      HttpServerResponse response,
      boolean chat,
      Behaviour what,
      int sent,
      int maxTokens,
      long promptTokens) {
    if (response.closed()) {
      return;
    }
    if (sent == 2 && what == Behaviour.BAD_JSON) {
      response.end("data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"to\n\n");
      return;
    }
    if (sent == 2 && what == Behaviour.DROP_CONNECTION) {
      connections.get(response).close();
      return;
    }
    if (sent == 2 && what == Behaviour.STOP_BEFORE_DONE) {
      response.end();
      return;
    }
    if (sent == maxTokens) {
      StringBuilder tail = new StringBuilder();
      tail.append("data: ").append(finish(chat)).append("\n\n");
      if (what != Behaviour.NO_USAGE) {
        tail.append("data: {\"id\": \"cmpl-1\", \"choices\": [], \"usage\": {\"prompt_tokens\": ")
            .append(promptTokens)
            .append(", \"completion_tokens\": ")
            .append(maxTokens)
            .append(", \"total_tokens\": ")
            .append(promptTokens + maxTokens)
            .append("}}\n\n");
      }
      tail.append("data: [DONE]\n\n");
      HttpConnection connection = connections.get(response);
      response
          .end(tail.toString())
          .onComplete(
              ended -> {
                requestsTotal.incrementAndGet();
                afterResponse(connection);
              });
      return;
    }
    gpus.generated();
    generatedTokensTotal.incrementAndGet();
    response.write("data: " + token(chat) + "\n\n");
    vertx.setTimer(
        Math.max(1, tokenMillis),
        id -> sendToken(response, chat, what, sent + 1, maxTokens, promptTokens));
  }

  private void afterResponse(HttpConnection connection) {
    if (connection == null) {
      return;
    }
    if (closeAfterEachResponse) {
      connection.close();
    } else if (idleCloseMillis >= 0) {
      idleTimers.put(
          connection,
          vertx.setTimer(
              Math.max(1, idleCloseMillis),
              id -> {
                if (idleTimers.remove(connection, id)) {
                  connection.close();
                }
              }));
    }
  }

  private static String token(boolean chat) {
    return chat
        ? "{\"id\": \"cmpl-1\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"index\": 0,"
            + " \"delta\": {\"content\": \" tok\"}, \"finish_reason\": null}]}"
        : "{\"id\": \"cmpl-1\", \"object\": \"text_completion\", \"choices\": [{\"index\": 0,"
            + " \"text\": \" tok\", \"finish_reason\": null}]}";
  }

  private static String finish(boolean chat) {
    return chat
        ? "{\"id\": \"cmpl-1\", \"choices\": [{\"index\": 0, \"delta\": {}, \"finish_reason\":"
            + " \"length\"}]}"
        : "{\"id\": \"cmpl-1\", \"choices\": [{\"index\": 0, \"text\": \"\", \"finish_reason\":"
            + " \"length\"}]}";
  }

  private static long promptTokens(JsonNode request, boolean chat) {
    String text;
    if (chat) {
      StringBuilder all = new StringBuilder();
      for (JsonNode message : request.path("messages")) {
        all.append(' ').append(message.path("content").asText(""));
      }
      text = all.toString();
    } else {
      text = request.path("prompt").asText("");
    }
    String trimmed = text.trim();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
