package io.tokenjoule.energybench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What one streamed response has said so far: text chunk times, the {@code usage}, whether {@code
 * [DONE]} came, and the first problem. Fed one SSE payload at a time; not thread-safe.
 */
final class StreamState {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiKind api;
  private double[] chunkSeconds = new double[64];
  private int chunks;
  private long promptTokens = -1;
  private long completionTokens = -1;
  private long cachedPromptTokens = -1;
  private boolean done;
  private ErrorKind problem;
  private String problemDetail;

  StreamState(ApiKind api) {
    this.api = api;
  }

  /** One event's payload, received at {@code nowSeconds}. */
  void onEvent(String payload, double nowSeconds) {
    if (problem != null || done) {
      return;
    }
    if (payload.trim().equals("[DONE]")) {
      done = true;
      return;
    }
    JsonNode chunk;
    try {
      chunk = JSON.readTree(payload);
    } catch (IOException e) {
      fail(ErrorKind.MALFORMED_STREAM, "a data: line is not JSON: " + abbreviate(payload));
      return;
    }
    if (chunk == null || !chunk.isObject()) {
      fail(ErrorKind.MALFORMED_STREAM, "a data: line is not a JSON object: " + abbreviate(payload));
      return;
    }
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      fail(ErrorKind.STREAM_ERROR, "the server sent an error: " + abbreviate(error.toString()));
      return;
    }
    JsonNode choices = chunk.path("choices");
    if (choices.isArray() && !choices.isEmpty() && hasText(choices.get(0))) {
      addChunk(nowSeconds);
    }
    JsonNode usage = chunk.get("usage");
    if (usage != null && usage.isObject()) {
      JsonNode prompt = usage.get("prompt_tokens");
      JsonNode completion = usage.get("completion_tokens");
      if (prompt == null
          || completion == null
          || !prompt.canConvertToLong()
          || !completion.canConvertToLong()
          || prompt.longValue() < 0
          || completion.longValue() < 0) {
        fail(
            ErrorKind.MALFORMED_STREAM,
            "usage without token counts: " + abbreviate(usage.toString()));
        return;
      }
      promptTokens = prompt.longValue();
      completionTokens = completion.longValue();
      readCached(usage.path("prompt_tokens_details").get("cached_tokens"));
    }
    // llama.cpp reports its prompt cache hits in the final chunk's timings (cache_n), older
    // versions as tokens_cached.
    readCached(chunk.path("timings").get("cache_n"));
    readCached(chunk.get("tokens_cached"));
  }

  private void readCached(JsonNode cached) {
    if (cached != null && cached.canConvertToLong() && cached.longValue() >= 0) {
      cachedPromptTokens = cached.longValue();
    }
  }

  private boolean hasText(JsonNode choice) {
    JsonNode text =
        api == ApiKind.CHAT ? choice.path("delta").path("content") : choice.path("text");
    return text.isTextual() && !text.asText().isEmpty();
  }

  private void addChunk(double nowSeconds) {
    if (chunks == chunkSeconds.length) {
      double[] grown = new double[chunks * 2];
      System.arraycopy(chunkSeconds, 0, grown, 0, chunks);
      chunkSeconds = grown;
    }
    chunkSeconds[chunks++] = nowSeconds;
  }

  void fail(ErrorKind kind, String detail) {
    if (problem == null) {
      problem = kind;
      problemDetail = detail;
    }
  }

  boolean failed() {
    return problem != null;
  }

  /** Whether the stream has said all it will: [DONE] or a problem. */
  boolean settled() {
    return done || problem != null;
  }

  double firstChunkSeconds() {
    return chunks == 0 ? Double.NaN : chunkSeconds[0];
  }

  /** The outcome once the response has ended (or failed) at {@code endSeconds}. */
  RequestOutcome outcome(int index, double startSeconds, double endSeconds, int attempts) {
    if (problem == null && !done) {
      fail(ErrorKind.INCOMPLETE_STREAM, "the stream ended before data: [DONE]");
    }
    if (problem == null && promptTokens < 0) {
      fail(
          ErrorKind.NO_USAGE,
          "no usage in the stream; the server must honour stream_options.include_usage");
    }
    if (problem != null) {
      return RequestOutcome.failed(
          index, startSeconds, firstChunkSeconds(), endSeconds, attempts, problem, problemDetail);
    }
    double[] times = new double[chunks];
    System.arraycopy(chunkSeconds, 0, times, 0, chunks);
    return new RequestOutcome(
        index,
        startSeconds,
        firstChunkSeconds(),
        endSeconds,
        promptTokens,
        completionTokens,
        cachedPromptTokens,
        times,
        completionTokens != chunks,
        attempts,
        null,
        null);
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }
}
