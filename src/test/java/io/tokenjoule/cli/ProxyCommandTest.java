package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code tokenjoule proxy}: what it refuses, and the exit codes it says. */
class ProxyCommandTest {

  @Test
  void withoutAnUpstreamThereIsNothingToProxy() {
    CommandRun run = CommandRun.of("proxy");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nothing to proxy: give --upstream URL and --listen"), run.err());
  }

  @Test
  void aBadFlagIsNamed() {
    CommandRun run = CommandRun.of("proxy", "--upstream", "ftp://x", "--listen", "8080");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--upstream: proxy.upstream: expected the inference server's"));
    assertTrue(run.err().contains("--listen: proxy.listen: expected host:port"), run.err());
  }

  @Test
  void aTakenPortExitsWith4() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    try (ServerSocket taken = new ServerSocket(0)) {
      CommandRun run =
          CommandRun.of(
              "proxy",
              "--upstream",
              "http://127.0.0.1:1",
              "--listen",
              "127.0.0.1:" + taken.getLocalPort(),
              "--web.listen-address",
              "127.0.0.1:" + free);
      assertEquals(4, run.exitCode(), run.err());
      assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()));
    }
  }

  @Test
  void theTopLevelCommandListsIt() {
    assertTrue(CommandRun.of("--help").out().contains("proxy"));
  }
}
