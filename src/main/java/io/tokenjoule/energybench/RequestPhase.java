package io.tokenjoule.energybench;

import java.util.Locale;

/** Why bench sent a request: every request sent is recorded with its phase. */
public enum RequestPhase {
  /** The one request that checks the endpoint before anything is measured. */
  PROBE,
  /** Requests that open the pool's connections and warm both ends; not measured. */
  WARM_UP,
  /** Requests of a concurrency level, measured. */
  MEASURED;

  /** The name in result.json, for example {@code warm_up}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
