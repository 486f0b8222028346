package io.tokenjoule.proxy;

/**
 * What one response told about its tokens so far. Mutable; confined to the event loop of its
 * exchange.
 */
final class TokenTally {

  private long promptTokens;
  private long generatedTokens;
  private boolean usageSeen;
  private long contentChunks;
  private boolean malformed;
  private String model = "";

  /** The server's own count of the request's tokens (OpenAI {@code usage}, Ollama counts). */
  void usage(long prompt, long generated) {
    promptTokens = Math.max(0, prompt);
    generatedTokens = Math.max(0, generated);
    usageSeen = true;
  }

  /** A streamed chunk that carried generated text: about one token. */
  void contentChunk() {
    contentChunks++;
  }

  /** Part of the response could not be read as the format it claims. */
  void malformed() {
    malformed = true;
  }

  /** The model the response names; the first one named wins. */
  void model(String name) {
    if (model.isEmpty() && name != null) {
      model = name;
    }
  }

  String model() {
    return model;
  }

  boolean usageSeen() {
    return usageSeen;
  }

  boolean isMalformed() {
    return malformed;
  }

  long promptTokens() {
    return promptTokens;
  }

  long generatedTokens() {
    return generatedTokens;
  }

  long contentChunks() {
    return contentChunks;
  }
}
