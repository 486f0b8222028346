package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryRefresherTest {

  private double now;
  private int runs;
  private final Deque<Object> answers = new ArrayDeque<>();
  private final DiscoveryRefresher refresher =
      new DiscoveryRefresher(this::next, Duration.ofSeconds(60), () -> now);

  @SuppressWarnings("unchecked")
  private List<DiscoveredServer> next() throws Exception {
    runs++;
    Object answer = answers.removeFirst();
    if (answer instanceof Exception e) {
      throw e;
    }
    return (List<DiscoveredServer>) answer;
  }

  private static DiscoveredServer server(int pid, String model, String... uuids) {
    return new DiscoveredServer(
        "vllm-8000",
        URI.create("http://127.0.0.1:8000/metrics"),
        "vllm",
        List.of(model),
        java.util.Arrays.stream(uuids).map(u -> new DiscoveredGpu(0, u)).toList(),
        pid,
        List.of(pid + 1));
  }

  @Test
  void reportsAChangeOnlyWhenWhatThePlanSeesChanges() {
    answers.add(List.of(server(100, "a", "GPU-a")));
    answers.add(List.of(server(200, "b", "GPU-a"))); // restarted: new pids and model, same plan
    answers.add(List.of(server(200, "b", "GPU-a", "GPU-b"))); // now on two GPUs
    answers.add(List.of());

    assertTrue(refresher.refreshIfDue());
    now = 59;
    assertFalse(refresher.refreshIfDue());
    assertEquals(1, runs);
    now = 60;
    assertFalse(refresher.refreshIfDue());
    assertEquals(200, refresher.current().get(0).listenerPid());
    now = 120;
    assertTrue(refresher.refreshIfDue());
    now = 180;
    assertTrue(refresher.refreshIfDue());
    assertEquals(List.of(), refresher.current());
    assertEquals(4, runs);
  }

  @Test
  void aFailedRunKeepsTheLastResult() {
    answers.add(List.of(server(100, "a", "GPU-a")));
    answers.add(new IllegalStateException("nvmlInit_v2 failed"));

    assertTrue(refresher.refreshIfDue());
    now = 60;
    assertFalse(refresher.refreshIfDue());
    assertEquals(List.of(server(100, "a", "GPU-a")), refresher.current());
  }
}
