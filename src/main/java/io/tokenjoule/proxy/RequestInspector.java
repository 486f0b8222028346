package io.tokenjoule.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a metered request's body: the model, whether it streams, whether the client asked for
 * usage. When an OpenAI stream would carry no usage, it asks for it: where the body has no {@code
 * stream_options}, the option is inserted as text before the closing brace, so every other byte is
 * the client's; where it has {@code stream_options} without {@code include_usage: true}, the body
 * is written again from its tree (numbers kept as written). Stateless and thread-safe.
 */
public final class RequestInspector {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final byte[] INCLUDE_USAGE =
      ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);

  private RequestInspector() {}

  public static RequestInspection inspect(InferenceApi api, byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      return RequestInspection.unreadable(body);
    }
    if (tree == null || !tree.isObject()) {
      return RequestInspection.unreadable(body);
    }
    String model = tree.path("model").isTextual() ? tree.path("model").asText() : "";
    JsonNode streamField = tree.path("stream");
    boolean stream = streamField.isBoolean() ? streamField.asBoolean() : api.streamsByDefault();
    JsonNode options = tree.path("stream_options");
    boolean asked = options.path("include_usage").asBoolean(false);
    if (!stream || !api.streamUsageOption() || asked) {
      return new RequestInspection(true, model, stream, asked, false, body);
    }
    byte[] sent =
        options.isMissingNode() ? insertOption(body) : rewrite((ObjectNode) tree, options);
    return new RequestInspection(true, model, true, false, true, sent);
  }

  /** The body with the option inserted before its last closing brace. */
  private static byte[] insertOption(byte[] body) {
    int close = body.length - 1;
    while (close >= 0 && body[close] != '}') {
      close--;
    }
    int before = close - 1;
    while (before >= 0 && Character.isWhitespace(body[before])) {
      before--;
    }
    boolean empty = before >= 0 && body[before] == '{';
    byte[] option = INCLUDE_USAGE;
    int skip = empty ? 1 : 0; // an empty object takes the option without its leading comma
    byte[] sent = new byte[body.length + option.length - skip];
    System.arraycopy(body, 0, sent, 0, close);
    System.arraycopy(option, skip, sent, close, option.length - skip);
    System.arraycopy(body, close, sent, close + option.length - skip, body.length - close);
    return sent;
  }

  private static byte[] rewrite(ObjectNode tree, JsonNode options) {
    ObjectNode merged = options.isObject() ? (ObjectNode) options : tree.objectNode();
    merged.put("include_usage", true);
    tree.set("stream_options", merged);
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree just read could not be written", e);
    }
  }
}
