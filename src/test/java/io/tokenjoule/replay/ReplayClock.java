package io.tokenjoule.replay;

import io.tokenjoule.MonotonicClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's clock during a replay: the recording's time, in seconds from its first line, moved
 * only by the replay. The tick moves it to each tick's start; an NVML read and a server's answer
 * move it on by what they take, so the agent sees the timing a real node gives it, whatever load
 * the machine running the replay is under. Thread-safe.
 */
final class ReplayClock implements MonotonicClock {

  private final AtomicLong nanos = new AtomicLong();

  @Override
  public double nowSeconds() {
    return nanos.get() / 1e9;
  }

  /** Moves the clock on by {@code seconds}, {@code >= 0}. */
  void advance(double seconds) {
    nanos.addAndGet(Math.round(seconds * 1e9));
  }

  /** Moves the clock to {@code seconds}, unless it is already past it. */
  void advanceTo(double seconds) {
    long target = Math.round(seconds * 1e9);
    nanos.accumulateAndGet(target, Math::max);
  }
}
