package io.tokenjoule.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.MonotonicClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI- and Ollama-compatible inference server for tests, on Vert.x, with known token counts.
 * {@code /v1/chat/completions} and {@code /v1/completions} answer in JSON or, with {@code stream},
 * in server-sent events like vLLM (a usage chunk only with {@code stream_options.include_usage});
 * {@code /api/generate} and {@code /api/chat} answer like Ollama (NDJSON unless {@code "stream":
 * false}, the counts in the last object). Prompt tokens are the prompt's words; generated tokens
 * are {@code max_tokens} (or Ollama's {@code options.num_predict}), default 8. Output is
 * deterministic, so a stream read directly and one read through the proxy can be compared byte for
 * byte. Every request is recorded with what the server counted for it.
 */
public final class InferenceTestServer implements AutoCloseable {

  /** What the server does with the next requests. */
  enum Behaviour {
    SERVE,
    /** Streams without a usage chunk even when asked (as servers without the option do). */
    IGNORE_USAGE_OPTION,
    /** Streams two tokens, then an event whose data is not JSON, then the rest without usage. */
    MALFORMED_EVENT,
    /** Streams two tokens, then closes the connection. */
    DROP_MID_STREAM,
    /** Never answers. */
    HANG,
    /** Answers 500. */
    HTTP_500
  }

  /**
   * One request as the server saw and answered it.
   *
   * @param body the body it received
   * @param promptTokens the prompt tokens it counted
   * @param generatedTokens the tokens it generated and sent
   * @param cancelled whether the connection closed before it finished
   * @param endedAtSeconds when it finished or was cancelled, on {@link MonotonicClock#SYSTEM}
   */
  public record Served(
      String path,
      String authorization,
      String body,
      long promptTokens,
      long generatedTokens,
      boolean cancelled,
      double endedAtSeconds) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final long CREATED = 1_700_000_000L;

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = Behaviour.SERVE;
  private volatile long tokenDelayMillis;
  private volatile boolean splitWrites;

  public InferenceTestServer(Vertx vertx) {
    this.vertx = vertx;
    this.server =
        vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  void behave(Behaviour next) {
    behaviour = next;
  }

  /** Waits this long before each generated token of a stream. */
  void tokenDelay(long millis) {
    tokenDelayMillis = millis;
  }

  /** Writes every event or line in two pieces, cut in the middle. */
  void splitWrites(boolean split) {
    splitWrites = split;
  }

  public List<Served> served() {
    return List.copyOf(served);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method().name().equals("GET")) {
      String list =
          path.equals("/api/tags")
              ? "{\"models\":[{\"name\":\"llama3.2:1b\",\"model\":\"llama3.2:1b\"}]}"
              : "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\"}]}";
      request.response().putHeader("Content-Type", "application/json").end(list);
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              Behaviour now = behaviour;
              if (now == Behaviour.HANG) {
                return;
              }
              if (now == Behaviour.HTTP_500) {
                request.response().setStatusCode(500).end("{\"error\":\"engine failed\"}");
                return;
              }
              JsonNode json;
              try {
                json = JSON.readTree(body.getBytes());
              } catch (IOException e) {
                request.response().setStatusCode(400).end("{\"error\":\"bad json\"}");
                return;
              }
              new Answer(request, path, body.toString(), json, now).start();
            });
  }

  /** One answer in progress. */
  private final class Answer {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final String path;
    private final String body;
    private final Behaviour behaviour;
    private final boolean ollama;
    private final boolean chat;
    private final String model;
    private final long prompt;
    private final int tokens;
    private final boolean stream;
    private final boolean usage;
    private int sent;
    private boolean finished;

    Answer(HttpServerRequest request, String path, String body, JsonNode json, Behaviour now) {
      this.request = request;
      this.response = request.response();
      this.path = path;
      this.body = body;
      this.behaviour = now;
      this.ollama = path.startsWith("/api/");
      this.chat = path.endsWith("/chat") || path.endsWith("/chat/completions");
      this.model = json.path("model").asText("test-model");
      this.prompt = promptWords(json);
      this.tokens =
          ollama
              ? json.path("options").path("num_predict").asInt(8)
              : json.path("max_tokens").asInt(json.path("max_completion_tokens").asInt(8));
      this.stream = json.path("stream").asBoolean(ollama);
      this.usage =
          json.path("stream_options").path("include_usage").asBoolean(false)
              && now != Behaviour.IGNORE_USAGE_OPTION
              && now != Behaviour.MALFORMED_EVENT;
    }

    void start() {
      response.closeHandler(
          closed -> {
            if (!finished) {
              record(true);
            }
          });
      if (!stream) {
        finished = true;
        sent = tokens;
        record(false);
        response.putHeader("Content-Type", "application/json").end(whole());
        return;
      }
      response
          .setChunked(true)
          .putHeader("Content-Type", ollama ? "application/x-ndjson" : "text/event-stream");
      if (!ollama) {
        write(event(openAiChunk(chat ? "{\"role\":\"assistant\",\"content\":\"\"}" : null, "")));
      }
      next();
    }

    private void next() {
      if (response.closed()) {
        return;
      }
      if (sent == 2 && behaviour == Behaviour.DROP_MID_STREAM) {
        request.connection().close();
        return;
      }
      if (sent == 2 && behaviour == Behaviour.MALFORMED_EVENT) {
        write(ollama ? "{\"model\": broken\n" : "data: {\"choices\": [broken\n\n");
      }
      if (sent == tokens) {
        finished = true;
        record(false);
        response.end(Buffer.buffer(tail()));
        return;
      }
      sent++;
      write(ollama ? line(ollamaChunk(" tok" + sent, false)) : event(tokenChunk(" tok" + sent)));
      if (tokenDelayMillis > 0) {
        vertx.setTimer(tokenDelayMillis, id -> next());
      } else {
        next();
      }
    }

    private void write(String text) {
      if (splitWrites && text.length() > 1) {
        response.write(text.substring(0, text.length() / 2));
        response.write(text.substring(text.length() / 2));
      } else {
        response.write(text);
      }
    }

    private void record(boolean cancelled) {
      served.add(
          new Served(
              path,
              request.getHeader("Authorization"),
              body,
              prompt,
              sent,
              cancelled,
              MonotonicClock.SYSTEM.nowSeconds()));
    }

    private String tail() {
      if (ollama) {
        return line(ollamaChunk("", true));
      }
      StringBuilder tail = new StringBuilder();
      String finishDelta = chat ? "{}" : null;
      tail.append(event(openAiChunk(finishDelta, "length")));
      if (usage) {
        ObjectNode chunk = header(chat ? "chat.completion.chunk" : "text_completion");
        chunk.putArray("choices");
        chunk.set("usage", usageObject());
        tail.append(event(chunk.toString()));
      }
      tail.append("data: [DONE]\n\n");
      return tail.toString();
    }

    private String whole() {
      if (ollama) {
        return ollamaChunk(text(), true);
      }
      ObjectNode answer = header(chat ? "chat.completion" : "text_completion");
      ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
      if (chat) {
        choice.putObject("message").put("role", "assistant").put("content", text());
      } else {
        choice.put("text", text());
      }
      choice.putNull("logprobs");
      choice.put("finish_reason", "length");
      answer.set("usage", usageObject());
      return answer.toString();
    }

    private String text() {
      StringBuilder text = new StringBuilder();
      for (int i = 1; i <= tokens; i++) {
        text.append(" tok").append(i);
      }
      return text.toString();
    }

    private String tokenChunk(String content) {
      return chat
          ? openAiChunk("{\"content\":\"" + content + "\"}", null)
          : openAiChunk(null, null, content);
    }

    private String openAiChunk(String delta, String finishReason) {
      return openAiChunk(delta, finishReason, "");
    }

    private String openAiChunk(String delta, String finishReason, String text) {
      ObjectNode chunk = header(chat ? "chat.completion.chunk" : "text_completion");
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      try {
        if (chat) {
          choice.set("delta", JSON.readTree(delta));
        } else {
          choice.put("text", text);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      choice.putNull("logprobs");
      if (finishReason == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finishReason);
      }
      return chunk.toString();
    }

    private ObjectNode header(String object) {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", chat ? "chatcmpl-test" : "cmpl-test");
      node.put("object", object);
      node.put("created", CREATED);
      node.put("model", model);
      return node;
    }

    private ObjectNode usageObject() {
      ObjectNode usage = JSON.createObjectNode();
      usage.put("prompt_tokens", prompt);
      usage.put("total_tokens", prompt + sent);
      usage.put("completion_tokens", sent);
      return usage;
    }

    private String ollamaChunk(String content, boolean done) {
      ObjectNode chunk = JSON.createObjectNode();
      chunk.put("model", model);
      chunk.put("created_at", "2024-01-01T00:00:00Z");
      if (chat) {
        chunk.putObject("message").put("role", "assistant").put("content", content);
      } else {
        chunk.put("response", content);
      }
      chunk.put("done", done);
      if (done) {
        chunk.put("done_reason", "length");
        chunk.put("total_duration", 1_000_000);
        chunk.put("load_duration", 1000);
        if (prompt > 0) {
          chunk.put("prompt_eval_count", prompt);
        }
        chunk.put("prompt_eval_duration", 1000);
        chunk.put("eval_count", sent);
        chunk.put("eval_duration", 1000);
      }
      return chunk.toString();
    }
  }

  private static String event(String data) {
    return "data: " + data + "\n\n";
  }

  private static String line(String json) {
    return json + "\n";
  }

  private static long promptWords(JsonNode request) {
    List<String> texts = new ArrayList<>();
    JsonNode prompt = request.path("prompt");
    if (prompt.isTextual()) {
      texts.add(prompt.asText());
    }
    for (JsonNode message : request.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        texts.add(content.asText());
      } else if (content instanceof ArrayNode parts) {
        parts.forEach(part -> texts.add(part.path("text").asText("")));
      }
    }
    long words = 0;
    for (String text : texts) {
      String trimmed = text.strip();
      words += trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
    return words;
  }

  @Override
  public void close() {
    server.close().await();
  }
}
