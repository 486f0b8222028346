package io.tokenjoule.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one JSON object of a response (a whole body, an SSE event's data or an NDJSON line) into a
 * {@link TokenTally}: the OpenAI {@code usage} object ({@code prompt_tokens}, {@code
 * completion_tokens}), Ollama's final counts ({@code prompt_eval_count}, {@code eval_count}, absent
 * when zero), the model, and whether the object carried generated text.
 */
final class UsageFields {

  private UsageFields() {}

  /**
   * @return whether the object is a usage-only chunk: it reports usage and has no choices
   */
  static boolean read(JsonNode object, TokenTally tally) {
    if (!object.isObject()) {
      tally.malformed();
      return false;
    }
    JsonNode model = object.path("model");
    if (model.isTextual()) {
      tally.model(model.asText());
    }
    JsonNode usage = object.path("usage");
    if (usage.isObject()) {
      tally.usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
      JsonNode choices = object.path("choices");
      return choices.isMissingNode() || (choices.isArray() && choices.isEmpty());
    }
    if (object.path("done").asBoolean(false)) {
      tally.usage(object.path("prompt_eval_count").asLong(0), object.path("eval_count").asLong(0));
      return false;
    }
    if (carriesText(object)) {
      tally.contentChunk();
    }
    return false;
  }

  private static boolean carriesText(JsonNode object) {
    for (JsonNode choice : object.path("choices")) {
      JsonNode delta = choice.path("delta");
      if (nonEmpty(delta.path("content"))
          || nonEmpty(delta.path("reasoning_content"))
          || delta.path("tool_calls").size() > 0
          || nonEmpty(choice.path("text"))) {
        return true;
      }
    }
    JsonNode message = object.path("message");
    return nonEmpty(object.path("response"))
        || nonEmpty(object.path("thinking"))
        || nonEmpty(message.path("content"))
        || nonEmpty(message.path("thinking"))
        || message.path("tool_calls").size() > 0;
  }

  private static boolean nonEmpty(JsonNode text) {
    return text.isTextual() && !text.asText().isEmpty();
  }
}
