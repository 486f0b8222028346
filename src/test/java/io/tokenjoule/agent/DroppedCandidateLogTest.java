package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tokenjoule.scrape.discovery.DroppedCandidate;
import io.tokenjoule.scrape.discovery.DroppedCandidate.Reason;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Why discovery skips a candidate reaches the console at info, once. */
class DroppedCandidateLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(DroppedCandidateLog.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private Level before;

  @BeforeEach
  void attach() {
    before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(events);
    logger.setLevel(before);
  }

  @Test
  void aSkippedCandidateIsToldAtInfoWithItsReasonOnceThenAtDebug() {
    DroppedCandidate noPage =
        new DroppedCandidate(
            Reason.NO_METRICS_PAGE,
            "GPU 0 pid 4242 port 29500",
            "no metrics page on /metrics, /v1/metrics");
    DroppedCandidateLog log = new DroppedCandidateLog();
    log.tell(List.of(noPage));
    log.tell(List.of(noPage));

    assertEquals(2, events.list.size());
    assertEquals(Level.INFO, events.list.get(0).getLevel());
    assertEquals(
        "discovery skips GPU 0 pid 4242 port 29500: no metrics page on /metrics, /v1/metrics"
            + " (no_metrics_page)",
        events.list.get(0).getFormattedMessage());
    assertEquals(Level.DEBUG, events.list.get(1).getLevel());
  }

  @Test
  void whatTheOperatorCanFixIsAWarning() {
    new DroppedCandidateLog()
        .tell(
            List.of(
                new DroppedCandidate(
                    Reason.PERMISSION_DENIED,
                    "GPU 1 pid 77",
                    "cannot read /proc/77/fd: needs CAP_DAC_READ_SEARCH")));
    assertEquals(Level.WARN, events.list.get(0).getLevel());
    assertEquals(
        "discovery cannot reach GPU 1 pid 77: cannot read /proc/77/fd: needs CAP_DAC_READ_SEARCH"
            + " (permission_denied)",
        events.list.get(0).getFormattedMessage());
  }
}
