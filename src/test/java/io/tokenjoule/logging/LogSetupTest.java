package io.tokenjoule.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  private static final Logger LOG = LoggerFactory.getLogger("io.tokenjoule.test.LogSetupProbe");

  @AfterEach
  void restore() {
    LogSetup.apply(LogLevel.INFO, LogFormat.LOGFMT);
  }

  @Test
  void onlyTheLevelAndAboveAreWrittenInTheFormat() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogSetup.apply(LogLevel.WARN, LogFormat.LOGFMT, out);
    LOG.debug("hidden debug");
    LOG.info("hidden info");
    LOG.atWarn().addKeyValue("server", "sim a").log("shown warn");
    LOG.error("shown error");
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches(
                "ts=\\S+Z level=warn logger=LogSetupProbe msg=\"shown warn\""
                    + " server=\"sim a\""),
        lines.get(0));
    assertTrue(lines.get(1).endsWith(" level=error logger=LogSetupProbe msg=\"shown error\""));
  }

  @Test
  void debugInJsonWritesDebugLinesAndStacks() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogSetup.apply(LogLevel.DEBUG, LogFormat.JSON, out);
    LOG.debug("detail {}", 42, new IllegalStateException("bad"));
    JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals("debug", line.get("level").asText());
    assertEquals("detail 42", line.get("msg").asText());
    assertEquals("java.lang.IllegalStateException: bad", line.get("err").asText());
    assertTrue(line.get("stack").asText().contains("\tat "), line.toString());
    assertTrue(LoggerFactory.getLogger("io.vertx.core.Foo").isWarnEnabled());
    assertEquals(false, LoggerFactory.getLogger("io.vertx.core.Foo").isInfoEnabled());
  }

  @Test
  void namesParseInAnyCaseAndBadOnesAreNamed() {
    assertEquals(LogLevel.WARN, LogLevel.parse("WARN"));
    assertEquals(LogLevel.DEBUG, LogLevel.parse("debug"));
    assertEquals(LogFormat.JSON, LogFormat.parse("Json"));
    assertEquals(
        "'trace' is not a log level; expected debug, info, warn or error",
        assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("trace")).getMessage());
    assertEquals(
        "'xml' is not a log format; expected logfmt or json",
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml")).getMessage());
  }
}
