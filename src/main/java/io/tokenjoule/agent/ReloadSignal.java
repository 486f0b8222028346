package io.tokenjoule.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGHUP (and {@code POST /-/reload}) into a reload request, which the command's thread takes
 * when it next looks. Where the platform has no SIGHUP, reloading by signal is unavailable and says
 * so once.
 */
public final class ReloadSignal {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

  private final AtomicBoolean requested = new AtomicBoolean();

  public ReloadSignal() {
    try {
      Signal.handle(new Signal("HUP"), signal -> requested.set(true));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("SIGHUP cannot be handled here ({}); reload by signal is unavailable", e.toString());
    }
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
