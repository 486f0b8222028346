package io.tokenjoule.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGHUP (and {@code POST /-/reload}) into a reload request, which the command's thread takes
 * when it next looks. Where the platform has no SIGHUP, or the process was started with SIGHUP
 * ignored (under {@code nohup}: the JVM then leaves it ignored), reloading by signal is unavailable
 * and says so once.
 */
public final class ReloadSignal {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

  private final AtomicBoolean requested = new AtomicBoolean();
  private final boolean bySignal;

  public ReloadSignal() {
    boolean handled = false;
    try {
      SignalHandler before = Signal.handle(new Signal("HUP"), signal -> requested.set(true));
      handled = before != SignalHandler.SIG_IGN;
      if (!handled) {
        LOG.warn(
            "SIGHUP is ignored in this process (started under nohup?), so it cannot ask for a"
                + " reload; use POST /-/reload, or start the agent without nohup");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("SIGHUP cannot be handled here ({}); reload by signal is unavailable", e.toString());
    }
    this.bySignal = handled;
  }

  /** Whether SIGHUP reaches this process and asks for a reload. */
  public boolean bySignal() {
    return bySignal;
  }

  /** Asks for a reload, as SIGHUP does; for {@code POST /-/reload}. */
  public void request() {
    requested.set(true);
  }

  /** Whether a reload was requested since the last call. */
  public boolean take() {
    return requested.getAndSet(false);
  }
}
