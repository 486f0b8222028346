package io.tokenjoule.account;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;

/**
 * The running account of one GPU: its reset-corrected energy counter, its power over the last
 * interval, and what the last reading said. Not thread-safe.
 */
final class GpuLedger {

  /** The down reason of a GPU that the source did not return a reading for this tick. */
  static final String NOT_READ = "not_read";

  private final GpuIdentity gpu;
  private final ResetAwareCounter energy = new ResetAwareCounter();

  private boolean up;
  private String downReason = NOT_READ;
  private EnergyMethod energyMethod;
  private double powerWatts = Double.NaN;
  private double sampledPowerWatts = Double.NaN;
  private GpuGauges gauges = GpuGauges.UNKNOWN;
  private double increaseJoules;
  private double unattributedJoules;

  private GpuReading.Up lastUp;
  private final PowerDiscrepancy discrepancy;

  /**
   * @param windowSeconds the window over which the energy counter is compared with the sampled
   *     power
   */
  GpuLedger(GpuIdentity gpu, double windowSeconds) {
    this.gpu = gpu;
    this.discrepancy = new PowerDiscrepancy(windowSeconds);
  }

  GpuIdentity gpu() {
    return gpu;
  }

  /** Takes this tick's reading of this GPU. */
  void apply(GpuReading reading) {
    if (reading instanceof GpuReading.Up current) {
      applyUp(current);
    } else {
      markDown(((GpuReading.Down) reading).reason());
    }
  }

  private void applyUp(GpuReading.Up current) {
    boolean first = !energy.hasValue();
    long resetsBefore = energy.resets();
    increaseJoules = energy.observe(current.energyJoules());
    boolean reset = energy.resets() != resetsBefore;
    double elapsed =
        lastUp == null ? Double.NaN : current.timestampSeconds() - lastUp.timestampSeconds();
    powerWatts = first || reset || !(elapsed > 0) ? Double.NaN : increaseJoules / elapsed;
    up = true;
    downReason = null;
    energyMethod = current.energyMethod();
    sampledPowerWatts = current.sampledPowerWatts();
    gauges = current.gauges();
    discrepancy.observe(
        current.timestampSeconds(),
        current.energyMethod() == EnergyMethod.COUNTER ? energy.total() : Double.NaN,
        current.sampledPowerWatts(),
        !first && !reset && elapsed > 0);
    lastUp = current;
  }

  /**
   * Records that the GPU could not be read this tick. The energy total is kept; the increase across
   * the gap is counted at the next successful reading, since the firmware counter keeps
   * integrating.
   */
  void markDown(String reason) {
    up = false;
    downReason = reason;
    powerWatts = Double.NaN;
    sampledPowerWatts = Double.NaN;
    gauges = GpuGauges.UNKNOWN;
    increaseJoules = 0;
    discrepancy.clear();
  }

  boolean up() {
    return up;
  }

  /** Joules the reset-corrected counter rose by this tick; 0 while down. */
  double increaseJoules() {
    return increaseJoules;
  }

  /** This tick's reading while up; otherwise the last successful one, or null. */
  GpuReading.Up lastUp() {
    return lastUp;
  }

  /**
   * The reset-corrected energy total at {@code timeSeconds}, moved from this tick's reading along
   * the last interval's power: the counter cannot be read at the instant a server read its tokens,
   * so it is interpolated (or extrapolated a few milliseconds) to that instant. NaN while the power
   * is unknown (first reading, down, or a reset).
   */
  double energyAt(double timeSeconds) {
    if (!up || Double.isNaN(powerWatts)) {
      return Double.NaN;
    }
    return energy.total() + powerWatts * (timeSeconds - lastUp.timestampSeconds());
  }

  /** The GPU's power over its last tick (W); NaN while unknown (first reading, reset, down). */
  double powerWatts() {
    return up ? powerWatts : Double.NaN;
  }

  /**
   * How far the energy total moves from this tick's reading to {@code timeSeconds} along the last
   * interval's power (J, negative before the reading); NaN when {@link #energyAt} is.
   */
  double offsetAt(double timeSeconds) {
    if (!up || Double.isNaN(powerWatts)) {
      return Double.NaN;
    }
    return powerWatts * (timeSeconds - lastUp.timestampSeconds());
  }

  /** Records joules of this tick's increase that no server is charged with. */
  void leaveUnattributed(double joules) {
    unattributedJoules += joules;
  }

  long counterResets() {
    return energy.resets();
  }

  GpuAccount account() {
    return new GpuAccount(
        gpu,
        up,
        downReason,
        energyMethod,
        energy.total(),
        powerWatts,
        sampledPowerWatts,
        gauges,
        energy.resets(),
        energy.hasValue() ? unattributedJoules : Double.NaN,
        discrepancy.ratio());
  }
}
