package io.tokenjoule.agent;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each server's window every tick at debug level, with its span in epoch seconds, so a run can
 * be compared window by window with an independent meter (the GPU acceptance check does). Silent,
 * and nearly free, unless debug logging is on.
 */
final class WindowTrace {

  private static final Logger LOG = LoggerFactory.getLogger(WindowTrace.class);

  private WindowTrace() {}

  /**
   * @param epochMinusMonotonic the wall clock's epoch seconds minus the monotonic clock's seconds,
   *     now
   */
  static void log(AccountingSnapshot snapshot, double epochMinusMonotonic) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    for (ServerAccount server : snapshot.servers()) {
      WindowStats window = server.window();
      LOG.atDebug()
          .setMessage("window")
          .addKeyValue("server", server.name())
          .addKeyValue("state", window.state().label())
          .addKeyValue("start", window.startSeconds() + epochMinusMonotonic)
          .addKeyValue("end", window.endSeconds() + epochMinusMonotonic)
          .addKeyValue("generated", window.generatedTokens())
          .addKeyValue("energy_j", window.energyJoules())
          .addKeyValue("j_per_generated_token", window.joulesPerGeneratedToken())
          .addKeyValue("uncertainty", window.uncertaintyGenerated())
          .log();
    }
  }
}
