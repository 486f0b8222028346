package io.tokenjoule.energybench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON body of one streaming request for the chat or completions API. */
public final class RequestBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String model;
  private final ApiKind api;
  private final boolean ignoreEos;

  /**
   * @param ignoreEos add vLLM's {@code "ignore_eos": true}, so every request generates exactly its
   *     max_tokens
   */
  public RequestBodies(String model, ApiKind api, boolean ignoreEos) {
    this.model = model;
    this.api = api;
    this.ignoreEos = ignoreEos;
  }

  public byte[] body(BenchPrompt prompt, int maxTokens) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    if (api == ApiKind.CHAT) {
      body.set("messages", prompt.asMessages());
    } else {
      body.put("prompt", prompt.asText());
    }
    body.put("max_tokens", maxTokens);
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    if (ignoreEos) {
      body.put("ignore_eos", true);
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
