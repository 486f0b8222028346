package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertTrue(run.out().contains("; GPU 3 has no server and draws idle power."), run.out());
    Matcher report =
        Pattern.compile("sim-llama-8b +agent +([0-9.]+) J/token .* truth +([0-9.]+) J/token")
            .matcher(run.out());
    assertTrue(report.find(), run.out());
    // The large server's load starts after 8 s: its window is idle and says so, without a figure.
    assertTrue(
        Pattern.compile("sim-qwen-32b +agent  idle over [0-9]+ s  truth idle\n")
            .matcher(run.out())
            .find(),
        run.out());
    assertFalse(run.out().contains("(idle)"), run.out());
    assertFalse(run.out().contains("±-"), run.out());
    double agent = Double.parseDouble(report.group(1));
    double truth = Double.parseDouble(report.group(2));
    assertEquals(truth, agent, 0.05 * truth, run.out());
  }

  /** The banner names the GPUs that run no server, and only those: none of 8 GPUs × 8 servers. */
  @Test
  void sizedDemoNamesOnlyTheGpusWithoutAServer() throws IOException {
    String everyGpuServed = sizedDemoBanner(8, 8);
    assertTrue(
        everyGpuServed.contains("8 simulated GPUs: Simulated H100 80GB HBM3.\n"), everyGpuServed);
    assertFalse(everyGpuServed.contains("no server"), everyGpuServed);

    String oneIdle = sizedDemoBanner(3, 2);
    assertTrue(oneIdle.contains("; GPU 2 has no server and draws idle power."), oneIdle);
  }

  private static String sizedDemoBanner(int gpus, int servers) throws IOException {
    CommandRun run =
        CommandRun.of(
            "demo",
            "--web.listen-address",
            "127.0.0.1:" + freePort(),
            "--sim.port",
            Integer.toString(freePort()),
            "--sim.gpus",
            Integer.toString(gpus),
            "--sim.servers",
            Integer.toString(servers),
            "--report-every",
            "0s",
            "--duration",
            "1s");
    assertEquals(0, run.exitCode(), run.err());
    return run.out();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
