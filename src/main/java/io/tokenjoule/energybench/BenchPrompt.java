package io.tokenjoule.energybench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One prompt of a workload: either a plain {@code prompt} or chat {@code messages}, with an
 * optional per-prompt {@code max_tokens}.
 *
 * @param prompt the text, or null when the prompt is given as messages
 * @param messages a JSON array of {@code {"role": ..., "content": ...}}, or null
 * @param maxTokens generated tokens asked for, or null to use the workload's default
 */
public record BenchPrompt(String prompt, ArrayNode messages, Integer maxTokens) {

  public BenchPrompt {
    if ((prompt == null) == (messages == null)) {
      throw new IllegalArgumentException("a prompt has either a prompt or messages");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be >= 1, got " + maxTokens);
    }
  }

  /** A plain-text prompt. */
  public static BenchPrompt text(String prompt, Integer maxTokens) {
    return new BenchPrompt(Objects.requireNonNull(prompt, "prompt"), null, maxTokens);
  }

  /** This prompt with {@code prefix} in front of its text, or of the first message's content. */
  public BenchPrompt withPrefix(String prefix) {
    if (prompt != null) {
      return new BenchPrompt(prefix + prompt, null, maxTokens);
    }
    ArrayNode copy = messages.deepCopy();
    JsonNode first = copy.get(0);
    if (first instanceof ObjectNode message) {
      JsonNode content = message.path("content");
      if (content instanceof ArrayNode parts) {
        parts.insertObject(0).put("type", "text").put("text", prefix);
      } else {
        message.put("content", prefix + content.asText(""));
      }
    }
    return new BenchPrompt(null, copy, maxTokens);
  }

  /** The prompt as chat messages: given messages, or the text as one user message. */
  public ArrayNode asMessages() {
    if (messages != null) {
      return messages;
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    ObjectNode user = array.addObject();
    user.put("role", "user");
    user.put("content", prompt);
    return array;
  }

  /** The prompt as one text: given text, or the messages' contents joined by newlines. */
  public String asText() {
    if (prompt != null) {
      return prompt;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode message : messages) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(message.path("content").asText(""));
    }
    return text.toString();
  }
}
