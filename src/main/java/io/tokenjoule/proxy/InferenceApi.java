package io.tokenjoule.proxy;

import java.util.Optional;

/**
 * The inference endpoints the proxy meters. Any other request is forwarded without being metered.
 */
public enum InferenceApi {
  /** OpenAI {@code POST /v1/chat/completions}: usage in the body, or in a final stream chunk. */
  OPENAI_CHAT("/v1/chat/completions", true, false),
  /** OpenAI {@code POST /v1/completions} (legacy completions), likewise. */
  OPENAI_COMPLETIONS("/v1/completions", true, false),
  /** OpenAI {@code POST /v1/embeddings}: prompt tokens only, never streamed. */
  OPENAI_EMBEDDINGS("/v1/embeddings", false, false),
  /** Ollama {@code POST /api/generate}: NDJSON stream unless {@code "stream": false}. */
  OLLAMA_GENERATE("/api/generate", false, true),
  /** Ollama {@code POST /api/chat}, likewise. */
  OLLAMA_CHAT("/api/chat", false, true);

  private final String path;
  private final boolean streamUsageOption;
  private final boolean streamsByDefault;

  InferenceApi(String path, boolean streamUsageOption, boolean streamsByDefault) {
    this.path = path;
    this.streamUsageOption = streamUsageOption;
    this.streamsByDefault = streamsByDefault;
  }

  /** The endpoint of a request, or empty when the proxy does not meter it. */
  public static Optional<InferenceApi> of(String method, String path) {
    if (!"POST".equals(method)) {
      return Optional.empty();
    }
    for (InferenceApi api : values()) {
      if (api.path.equals(path)) {
        return Optional.of(api);
      }
    }
    return Optional.empty();
  }

  /** Whether a stream reports usage only when asked ({@code stream_options.include_usage}). */
  public boolean streamUsageOption() {
    return streamUsageOption;
  }

  /** Whether a request that does not say {@code stream} is streamed. */
  public boolean streamsByDefault() {
    return streamsByDefault;
  }
}
