package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private final List<String> events = new ArrayList<>();
  private final SseDecoder decoder = new SseDecoder(events::add);

  private void feed(String text) {
    decoder.feed(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eventsSplitAnywhereAreReassembled() {
    String stream = "data: {\"a\": 1}\n\ndata: {\"b\": \"é\"}\n\ndata: [DONE]\n\n";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      decoder.feed(new byte[] {b});
    }
    assertEquals(List.of("{\"a\": 1}", "{\"b\": \"é\"}", "[DONE]"), events);
  }

  @Test
  void crlfCommentsOtherFieldsAndMultiLineData() {
    feed(": keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata: one\r\ndata:two\r\n\r\n");
    assertEquals(List.of("one\ntwo"), events);
  }

  @Test
  void anEventWithoutItsBlankLineIsNotDispatched() {
    feed("data: {\"a\": 1}\n\ndata: {\"cut");
    assertEquals(List.of("{\"a\": 1}"), events);
  }

  @Test
  void anEndlessLineIsRefused() {
    byte[] huge = new byte[SseDecoder.MAX_LINE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'x');
    assertThrows(IllegalStateException.class, () -> decoder.feed(huge));
  }
}
