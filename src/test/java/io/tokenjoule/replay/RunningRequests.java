package io.tokenjoule.replay;

import io.tokenjoule.replay.Recording.Line;
import java.util.List;

/**
 * The requests a recorded server had running at an instant, as its {@code num_requests_running}
 * gauge said: the acceptance kit's server admits a batch by adding {@code batch × prompt tokens per
 * request} to its prompt counter, and runs it while tokens accrue. The recording keeps no gauge, so
 * it is told by the latest prompt rise while the server was working, 0 otherwise.
 */
final class RunningRequests {

  private final Recording recording;
  private final PhysicalTokens physical;
  private final double promptTokensPerRequest;

  RunningRequests(Recording recording, PhysicalTokens physical, double promptTokensPerRequest) {
    if (!(promptTokensPerRequest > 0)) {
      throw new IllegalArgumentException(
          "prompt tokens per request must be > 0, got " + promptTokensPerRequest);
    }
    this.recording = recording;
    this.physical = physical;
    this.promptTokensPerRequest = promptTokensPerRequest;
  }

  double at(double t) {
    if (!physical.busyAt(t)) {
      return 0;
    }
    List<Line> lines = recording.lines();
    for (int i = lines.size() - 1; i > 0; i--) {
      if (lines.get(i).t() <= t && lines.get(i).prompt() > lines.get(i - 1).prompt()) {
        return Math.max(
            1,
            Math.round(
                (lines.get(i).prompt() - lines.get(i - 1).prompt()) / promptTokensPerRequest));
      }
    }
    return 1;
  }
}
