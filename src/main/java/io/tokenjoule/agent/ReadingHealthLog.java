package io.tokenjoule.agent;

import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.source.GpuReading;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when a GPU or a scrape target changes between readable and not, once per change rather than
 * once per tick, so a dead target does not flood the log.
 */
final class ReadingHealthLog {

  private static final Logger LOG = LoggerFactory.getLogger(ReadingHealthLog.class);

  private final Map<String, String> gpuProblems = new HashMap<>();
  private final Map<String, String> scrapeProblems = new HashMap<>();

  void observe(List<GpuReading> gpus, Map<String, ScrapeOutcome> scrapes) {
    for (GpuReading reading : gpus) {
      String key = "GPU " + reading.gpu().index() + " (" + reading.gpu().uuid() + ")";
      String problem =
          reading instanceof GpuReading.Down down ? down.reason() + ": " + down.detail() : null;
      transition(gpuProblems, key, problem);
    }
    scrapes.forEach(
        (server, outcome) -> {
          String problem =
              outcome instanceof ScrapeOutcome.Failure failure
                  ? failure.error().label() + ": " + failure.message()
                  : null;
          transition(scrapeProblems, "server " + server, problem);
        });
  }

  private static void transition(Map<String, String> problems, String key, String problem) {
    String before = problems.get(key);
    if (problem == null) {
      if (before != null) {
        problems.remove(key);
        LOG.info("{} is readable again", key);
      }
    } else if (before == null || !reasonOf(before).equals(reasonOf(problem))) {
      problems.put(key, problem);
      LOG.warn("{} cannot be read: {}", key, problem);
    }
  }

  private static String reasonOf(String problem) {
    int colon = problem.indexOf(':');
    return colon < 0 ? problem : problem.substring(0, colon);
  }
}
