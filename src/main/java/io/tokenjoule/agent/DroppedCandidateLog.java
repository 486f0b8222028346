package io.tokenjoule.agent;

import io.tokenjoule.scrape.discovery.DroppedCandidate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the console why discovery left each candidate out. A server it cannot see (no permission,
 * another pid namespace, a socket only reachable inside its pod) is the operator's to fix, so each
 * such problem is logged once at warn. Every other dropped candidate is logged once at info with
 * its reason, so the console says why a process on a GPU is not scraped; seen again, only at debug.
 * Not thread-safe: one discovery run at a time.
 */
final class DroppedCandidateLog {

  private static final Logger LOG = LoggerFactory.getLogger(DroppedCandidateLog.class);

  /** Bounds the memory of what was told, on a host whose pids churn. */
  static final int MAX_TOLD = 10_000;

  private final Set<String> told = new HashSet<>();

  void tell(List<DroppedCandidate> dropped) {
    for (DroppedCandidate candidate : dropped) {
      boolean operatorCanFix =
          candidate.reason() == DroppedCandidate.Reason.PERMISSION_DENIED
              || candidate.reason() == DroppedCandidate.Reason.PROCESS_NOT_VISIBLE
              || candidate.reason() == DroppedCandidate.Reason.UNREACHABLE_SOCKET;
      String key =
          candidate.reason() + " " + (operatorCanFix ? candidate.detail() : candidate.subject());
      boolean firstTime = told.size() < MAX_TOLD && told.add(key);
      String label = candidate.reason().label();
      if (operatorCanFix && firstTime) {
        LOG.warn(
            "discovery cannot reach {}: {} ({})", candidate.subject(), candidate.detail(), label);
      } else if (firstTime) {
        LOG.info("discovery skips {}: {} ({})", candidate.subject(), candidate.detail(), label);
      } else {
        LOG.debug("discovery dropped {}: {} ({})", candidate.subject(), candidate.detail(), label);
      }
    }
  }
}
