package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.simulate.DemoScenario;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own tools accept what we ship: no naming problem in the agent's real /metrics
 * output, and a valid example scrape configuration.
 */
class PromtoolCheckMetricsIT {

  @Test
  void promtoolAcceptsTheAgentsMetrics() throws Exception {
    Optional<File> promtool = onPath("promtool");
    assumeTrue(
        promtool.isPresent(),
        "promtool is not installed here; .ci/run installs Debian's prometheus package, which has it");
    try (AgentHarness harness =
        new AgentHarness(
            DemoScenario.world(MonotonicClock.SYSTEM),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            w -> List.of())) {
      Thread.sleep(3_000);
      String page = harness.get("/metrics").body();
      Process check =
          new ProcessBuilder(promtool.get().getPath(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = check.getOutputStream()) {
        in.write(page.getBytes(StandardCharsets.UTF_8));
      }
      String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      check.waitFor(30, TimeUnit.SECONDS);
      assertEquals("", report.strip(), "promtool check metrics found problems");
      assertEquals(0, check.exitValue());
    }
  }

  @Test
  void promtoolAcceptsTheExampleScrapeConfig() throws Exception {
    Optional<File> promtool = onPath("promtool");
    assumeTrue(
        promtool.isPresent(),
        "promtool is not installed here; .ci/run installs Debian's prometheus package, which has it");
    Process check =
        new ProcessBuilder(
                promtool.get().getPath(), "check", "config", "deploy/prometheus/prometheus.yml")
            .redirectErrorStream(true)
            .start();
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    check.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, check.exitValue(), report);
  }

  private static Optional<File> onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> new File(dir, program))
        .filter(File::canExecute)
        .findFirst();
  }
}
