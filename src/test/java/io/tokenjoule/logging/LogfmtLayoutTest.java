package io.tokenjoule.logging;

import static io.tokenjoule.logging.LoggingEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LogfmtLayoutTest {

  private final LogfmtLayout layout = new LogfmtLayout();

  @Test
  void aPlainEventWithKeyValuePairs() {
    assertEquals(
        "ts=2026-11-22T19:47:21.123Z level=info logger=AgentCommand msg=\"listening on :9847\""
            + " port=9847 path=/metrics tls=true\n",
        layout.doLayout(
            event(
                "io.tokenjoule.cli.AgentCommand",
                Level.INFO,
                "listening on :9847",
                null,
                "port",
                9847,
                "path",
                "/metrics",
                "tls",
                true)));
  }

  @Test
  void valuesAreQuotedAndEscapedOnlyWhenTheyNeedIt() {
    assertEquals(
        "ts=2026-11-22T19:47:21.123Z level=warn logger=Top msg=\"say \\\"hi\\\"\\nnext\""
            + " eq=\"a=b\" unicode=é日本🔋 empty=\"\" tab=\"a\\tb\" bell=\"\\u0007\""
            + " path=C:\\dir spaced=\"C:\\\\my dir\" cr=\"x\\r\" ls=\"a\\u2028b\" nul=null"
            + " my_key_=v\n",
        layout.doLayout(
            event(
                "Top",
                Level.WARN,
                "say \"hi\"\nnext",
                null,
                "eq",
                "a=b",
                "unicode",
                "é日本🔋",
                "empty",
                "",
                "tab",
                "a\tb",
                "bell",
                "\u0007",
                "path",
                "C:\\dir",
                "spaced",
                "C:\\my dir",
                "cr",
                "x\r",
                "ls",
                "a\u2028b",
                "nul",
                null,
                "my key=",
                "v")));
  }

  @Test
  void anExceptionIsItsClassAndMessageWithoutAStack() {
    assertEquals(
        "ts=2026-11-22T19:47:21.123Z level=error logger=ReloadableAgent msg=\"reload failed\""
            + " err=\"java.io.IOException: disk \\\"full\\\"\"\n",
        layout.doLayout(
            event(
                "io.tokenjoule.agent.ReloadableAgent",
                Level.ERROR,
                "reload failed",
                new IOException("disk \"full\""))));
    assertEquals(
        "ts=2026-11-22T19:47:21.123Z level=error logger=X msg=boom"
            + " err=java.lang.IllegalStateException\n",
        layout.doLayout(event("X", Level.ERROR, "boom", new IllegalStateException())));
  }

  @Test
  void withStackTheTraceFollowsOnTheSameLine() {
    String line =
        new LogfmtLayout(true)
            .doLayout(event("X", Level.DEBUG, "boom", new IOException("disk \"full\"")));
    String prefix =
        "ts=2026-11-22T19:47:21.123Z level=debug logger=X msg=boom"
            + " err=\"java.io.IOException: disk \\\"full\\\"\""
            + " stack=\"java.io.IOException: disk \\\"full\\\"\\n\\tat "
            + LogfmtLayoutTest.class.getName()
            + ".withStackTheTraceFollowsOnTheSameLine(";
    assertTrue(line.startsWith(prefix), line);
    assertTrue(line.endsWith("\"\n"), line);
    assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
  }
}
