package io.tokenjoule.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Meters a whole JSON response (a request that did not stream) as it passes, with Jackson's
 * non-blocking parser: every byte is forwarded as it comes, and only the top-level {@code model},
 * {@code done}, Ollama's {@code prompt_eval_count} and {@code eval_count}, and the {@code usage}
 * object's counts are kept. The parser holds one token at a time, so memory is bounded by the
 * longest string ({@link #MAX_HELD_BYTES}), never by the body.
 */
final class JsonBodyMeter implements ResponseMeter {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(MAX_HELD_BYTES).build())
          .build();

  private final TokenTally tally = new TokenTally();
  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  private int depth;
  private boolean inUsage;
  private String field;
  private long prompt = -1;
  private long generated = -1;
  private boolean done;
  private boolean failed;

  JsonBodyMeter() {
    try {
      parser = FACTORY.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson cannot make a non-blocking parser", e);
    }
    feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    if (!failed) {
      byte[] bytes = chunk.getBytes();
      try {
        feeder.feedInput(bytes, 0, bytes.length);
        drain();
      } catch (IOException e) {
        fail();
      }
    }
    return chunk;
  }

  @Override
  public Buffer onEnd() {
    if (!failed) {
      feeder.endOfInput();
      try {
        drain();
      } catch (IOException e) {
        fail();
      }
      if (depth != 0) {
        fail();
      }
    }
    if (!failed && prompt >= 0) {
      tally.usage(prompt, Math.max(0, generated));
    } else if (!failed && done && generated >= 0) {
      tally.usage(0, generated);
    }
    return Buffer.buffer();
  }

  @Override
  public TokenTally tally() {
    return tally;
  }

  private void fail() {
    failed = true;
    tally.malformed();
  }

  private void drain() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      switch (token) {
        case START_OBJECT, START_ARRAY -> {
          if (depth == 1 && token == JsonToken.START_OBJECT && "usage".equals(field)) {
            inUsage = true;
          }
          depth++;
          field = null;
        }
        case END_OBJECT, END_ARRAY -> {
          depth--;
          if (depth == 1) {
            inUsage = false;
          }
        }
        case FIELD_NAME -> field = parser.currentName();
        default -> value(token);
      }
    }
  }

  private void value(JsonToken token) throws IOException {
    if (depth == 1 && field != null) {
      switch (field) {
        case "model" -> {
          if (token == JsonToken.VALUE_STRING) {
            tally.model(parser.getText());
          }
        }
        case "done" -> done = token == JsonToken.VALUE_TRUE;
        case "prompt_eval_count" -> prompt = count(token, prompt);
        case "eval_count" -> generated = count(token, generated);
        default -> {}
      }
    } else if (depth == 2 && inUsage && field != null) {
      switch (field) {
        case "prompt_tokens" -> prompt = count(token, prompt);
        case "completion_tokens" -> generated = count(token, generated);
        default -> {}
      }
    }
  }

  private long count(JsonToken token, long previous) throws IOException {
    return token == JsonToken.VALUE_NUMBER_INT ? Math.max(0, parser.getLongValue()) : previous;
  }
}
