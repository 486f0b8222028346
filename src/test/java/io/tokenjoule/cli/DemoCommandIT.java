package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo end to end: it serves, prints where to look, and reports agent next to truth. */
class DemoCommandIT {

  @Test
  void demoRunsAndReportsAgentNextToGroundTruth() throws IOException {
    int agentPort = freePort();
    int simPort = freePort();
    CommandRun run =
        CommandRun.of(
            "demo",
            "--web.listen-address",
            "127.0.0.1:" + agentPort,
            "--sim.port",
            Integer.toString(simPort),
            "--window",
            "4s",
            "--report-every",
            "3s",
            "--duration",
            "7s");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("SIMULATED GPUs and SIMULATED vLLM servers"), run.out());
    assertTrue(run.out().contains("http://localhost:" + agentPort + "/metrics"), run.out());
    Matcher report =
        Pattern.compile("sim-llama-8b +agent +([0-9.]+) J/token .* truth +([0-9.]+) J/token")
            .matcher(run.out());
    assertTrue(report.find(), run.out());
    double agent = Double.parseDouble(report.group(1));
    double truth = Double.parseDouble(report.group(2));
    assertEquals(truth, agent, 0.05 * truth, run.out());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
