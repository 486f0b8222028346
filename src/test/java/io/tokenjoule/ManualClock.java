package io.tokenjoule;

/** A clock tests move by hand. */
public final class ManualClock implements MonotonicClock {

  private double now;

  public ManualClock(double start) {
    this.now = start;
  }

  @Override
  public synchronized double nowSeconds() {
    return now;
  }

  public synchronized void advance(double seconds) {
    now += seconds;
  }
}
