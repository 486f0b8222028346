package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestInspectorTest {

  private static RequestInspection inspect(InferenceApi api, String body) {
    return RequestInspector.inspect(api, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String sent(RequestInspection inspection) {
    return new String(inspection.body(), StandardCharsets.UTF_8);
  }

  @Test
  void insertsTheUsageOptionAsTextKeepingEveryOtherByte() {
    RequestInspection inspection =
        inspect(
            InferenceApi.OPENAI_CHAT,
            "{ \"model\" : \"m\", \"temperature\": 0.70, \"stream\": true }\n");
    assertTrue(inspection.usageInjected());
    assertEquals(
        "{ \"model\" : \"m\", \"temperature\": 0.70, \"stream\": true"
            + " ,\"stream_options\":{\"include_usage\":true}}\n",
        sent(inspection));
    assertEquals("m", inspection.model());
  }

  @Test
  void mergesTheOptionIntoExistingStreamOptions() {
    RequestInspection inspection =
        inspect(
            InferenceApi.OPENAI_COMPLETIONS,
            "{\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1},\"t\":0.10}");
    assertEquals(
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true,\"x\":1},\"t\":0.10}",
        sent(inspection));
  }

  @Test
  void leavesARequestAloneWhenUsageComesAnyway() {
    String[] bodies = {
      "{\"stream\":false,\"model\":\"m\"}",
      "{\"model\":\"m\"}",
      "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}"
    };
    for (String body : bodies) {
      RequestInspection inspection = inspect(InferenceApi.OPENAI_CHAT, body);
      assertFalse(inspection.usageInjected(), body);
      assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), inspection.body());
    }
    assertTrue(inspect(InferenceApi.OLLAMA_CHAT, "{\"model\":\"m\"}").stream(), "Ollama streams");
    assertFalse(inspect(InferenceApi.OLLAMA_CHAT, "{\"model\":\"m\"}").usageInjected());
  }

  @Test
  void anUnreadableBodyIsForwardedAsItCame() {
    for (String body : new String[] {"{\"model\": ", "[1,2]", "", "null"}) {
      RequestInspection inspection = inspect(InferenceApi.OPENAI_CHAT, body);
      assertFalse(inspection.readable(), body);
      assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), inspection.body());
    }
  }
}
