package io.tokenjoule.logging;

import static io.tokenjoule.logging.LoggingEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {

  private final JsonLogLayout layout = new JsonLogLayout();

  @Test
  void theSameFieldsAsLogfmtWithTypedValues() {
    assertEquals(
        "{\"ts\":\"2026-11-22T19:47:21.123Z\",\"level\":\"info\",\"logger\":\"AgentCommand\","
            + "\"msg\":\"listening on :9847\",\"port\":9847,\"ratio\":0.5,\"nan\":\"NaN\","
            + "\"exact\":1.25,\"tls\":true,\"none\":null,\"path\":\"/metrics\"}\n",
        layout.doLayout(
            event(
                "io.tokenjoule.cli.AgentCommand",
                Level.INFO,
                "listening on :9847",
                null,
                "port",
                9847,
                "ratio",
                0.5,
                "nan",
                Double.NaN,
                "exact",
                new BigDecimal("1.25"),
                "tls",
                true,
                "none",
                null,
                "path",
                "/metrics")));
  }

  @Test
  void trickyTextIsEscapedAndReadsBackUnchanged() throws Exception {
    String message = "say \"hi\"\nnext\ttab \\ back a=b é日本🔋 \u0007";
    String line =
        layout.doLayout(
            event("Top", Level.WARN, message, new IOException("disk\nfull"), "k=1", "v \"q\""));
    assertEquals(
        "{\"ts\":\"2026-11-22T19:47:21.123Z\",\"level\":\"warn\",\"logger\":\"Top\","
            + "\"msg\":\"say \\\"hi\\\"\\nnext\\ttab \\\\ back a=b é日本🔋 \\u0007\","
            + "\"k=1\":\"v \\\"q\\\"\",\"err\":\"java.io.IOException: disk\\nfull\"}\n",
        line);
    JsonNode read = new ObjectMapper().readTree(line);
    assertEquals(message, read.get("msg").asText());
    assertEquals("v \"q\"", read.get("k=1").asText());
  }

  @Test
  void withStackTheTraceIsOneStringField() throws Exception {
    String line =
        new JsonLogLayout(true).doLayout(event("X", Level.DEBUG, "boom", new IOException("gone")));
    assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
    JsonNode read = new ObjectMapper().readTree(line);
    assertEquals("java.io.IOException: gone", read.get("err").asText());
    assertTrue(
        read.get("stack")
            .asText()
            .startsWith(
                "java.io.IOException: gone\n\tat "
                    + JsonLogLayoutTest.class.getName()
                    + ".withStackTheTraceIsOneStringField("),
        line);
  }
}
