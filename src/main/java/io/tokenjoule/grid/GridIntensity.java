package io.tokenjoule.grid;

import java.time.Instant;

/**
 * The grid carbon intensity the agent applies at an instant, whatever the configured mode (static,
 * schedule or live). Implementations are thread-safe and never block or do I/O in {@link #at}.
 */
@FunctionalInterface
public interface GridIntensity {

  /** The intensity to apply at {@code now} (wall-clock time). */
  CarbonIntensity at(Instant now);
}
