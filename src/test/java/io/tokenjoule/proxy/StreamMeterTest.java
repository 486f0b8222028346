package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream meters on bodies cut at every possible place. */
class StreamMeterTest {

  private static final String CHUNK =
      "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\r\n\r\n";
  private static final String USAGE =
      "data: {\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
          + "\"completion_tokens\":2}}\n\n";
  private static final String STREAM =
      ": keep-alive\n\n" + CHUNK + CHUNK + USAGE + "data: [DONE]\n\n";

  private static String run(ResponseMeter meter, String body, int cut) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer();
    out.appendBuffer(meter.onChunk(Buffer.buffer(bytes).slice(0, cut).copy()));
    out.appendBuffer(meter.onChunk(Buffer.buffer(bytes).slice(cut, bytes.length).copy()));
    out.appendBuffer(meter.onEnd());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void takesOnlyTheUsageEventOutWhereverTheStreamIsCut() {
    for (int cut = 0; cut <= STREAM.length(); cut++) {
      StreamMeter meter = StreamMeter.sse(true);
      assertEquals(STREAM.replace(USAGE, ""), run(meter, STREAM, cut), "cut at " + cut);
      assertEquals(5, meter.tally().promptTokens());
      assertEquals(2, meter.tally().generatedTokens());
      assertEquals(2, meter.tally().contentChunks());
      assertEquals("m", meter.tally().model());
    }
  }

  @Test
  void forwardsEverythingWhenNotStripping() {
    for (int cut = 0; cut <= STREAM.length(); cut++) {
      StreamMeter meter = StreamMeter.sse(false);
      assertEquals(STREAM, run(meter, STREAM, cut));
      assertTrue(meter.tally().usageSeen());
    }
  }

  @Test
  void readsOllamaLinesCutAnywhere() {
    String body =
        "{\"model\":\"l\",\"response\":\"a\",\"done\":false}\n"
            + "{\"model\":\"l\",\"response\":\"b\",\"done\":false}\n"
            + "{\"model\":\"l\",\"response\":\"\",\"done\":true,\"prompt_eval_count\":3,"
            + "\"eval_count\":2}\n";
    for (int cut = 0; cut <= body.length(); cut++) {
      StreamMeter meter = StreamMeter.ndjson();
      assertEquals(body, run(meter, body, cut));
      assertEquals(3, meter.tally().promptTokens());
      assertEquals(2, meter.tally().generatedTokens());
    }
  }

  @Test
  void anEventPastTheLimitStopsReadingAndForwardsEverything() {
    String huge = "data: {\"x\":\"" + "y".repeat(ResponseMeter.MAX_HELD_BYTES) + "\"}\n\n";
    String body = CHUNK + huge + USAGE;
    StreamMeter meter = StreamMeter.sse(true);
    assertEquals(body, run(meter, body, CHUNK.length() + huge.length() - 5));
    assertTrue(meter.tally().isMalformed());
    assertFalse(meter.tally().usageSeen());
  }

  @Test
  void aWholeJsonBodyIsReadAsItPasses() {
    String body =
        "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"{\\\"usage\\\":1}\"}}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";
    for (int cut = 0; cut <= body.length(); cut++) {
      JsonBodyMeter meter = new JsonBodyMeter();
      assertEquals(body, run(meter, body, cut));
      assertEquals(11, meter.tally().promptTokens());
      assertEquals(7, meter.tally().generatedTokens());
      assertEquals("m", meter.tally().model());
    }
    JsonBodyMeter truncated = new JsonBodyMeter();
    run(truncated, body.substring(0, 40), 20);
    assertTrue(truncated.tally().isMalformed());
    assertFalse(truncated.tally().usageSeen());
  }
}
