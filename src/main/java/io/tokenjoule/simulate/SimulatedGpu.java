package io.tokenjoule.simulate;

import io.tokenjoule.source.GpuIdentity;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated GPU's physical state. Its true energy grows continuously; the counter a driver
 * would show moves only every {@link SimulatedWorld#COUNTER_UPDATE_SECONDS}, in whole millijoules,
 * as NVML's does. Not thread-safe: {@link SimulatedWorld} guards it.
 */
final class SimulatedGpu {

  private final GpuIdentity identity;
  private final PowerModel power;
  private double load;
  private double loadDrawingPower;
  private double tokenWatts;
  private double trueEnergyJoules;
  private double counterOriginJoules;
  private double visibleCounterJoules;
  private boolean lost;
  private final Map<Long, Double> busySeconds = new HashMap<>();
  private double sampledSeconds;

  SimulatedGpu(GpuIdentity identity, PowerModel power) {
    this.identity = identity;
    this.power = power;
  }

  GpuIdentity identity() {
    return identity;
  }

  PowerModel power() {
    return power;
  }

  double load() {
    return load;
  }

  double watts() {
    return power.wattsAt(loadDrawingPower, tokenWatts);
  }

  /** Burns energy for {@code seconds} at the current load; returns the joules burnt. */
  double burn(double seconds) {
    double joules = watts() * seconds;
    trueEnergyJoules += joules;
    return joules;
  }

  /**
   * @param load the load of every server on it, shown as its utilisation
   * @param loadDrawingPower the load of the servers on it that draw power by load
   * @param tokenWatts the watts the servers with a {@link TokenEnergy} spend on it
   */
  void setLoad(double load, double loadDrawingPower, double tokenWatts) {
    this.load = Math.min(1, load);
    this.loadDrawingPower = Math.min(1, loadDrawingPower);
    this.tokenWatts = tokenWatts;
  }

  /** The firmware refreshes the counter it exposes. */
  void publishCounter() {
    visibleCounterJoules = Math.floor((trueEnergyJoules - counterOriginJoules) * 1000) / 1000;
  }

  double visibleCounterJoules() {
    return visibleCounterJoules;
  }

  double trueEnergyJoules() {
    return trueEnergyJoules;
  }

  /** A driver reload: the exposed counter restarts from zero. */
  void reloadDriver() {
    counterOriginJoules = trueEnergyJoules;
    visibleCounterJoules = 0;
  }

  /** A process kept the SMs busy for {@code ratio} of a step of {@code seconds}. */
  void recordProcessBusy(long pid, double ratio, double seconds) {
    if (ratio > 0) {
      busySeconds.merge(pid, ratio * seconds, Double::sum);
    }
  }

  /** A step of {@code seconds} ended; process utilisation is averaged over such steps. */
  void endSample(double seconds) {
    sampledSeconds += seconds;
  }

  /** Each busy process's mean SM utilisation since the last drain, then starts over. */
  Map<Long, Double> drainProcessUtilization() {
    Map<Long, Double> ratios = new HashMap<>();
    if (sampledSeconds > 0) {
      busySeconds.forEach((pid, busy) -> ratios.put(pid, busy / sampledSeconds));
    }
    busySeconds.clear();
    sampledSeconds = 0;
    return ratios;
  }

  boolean lost() {
    return lost;
  }

  void setLost(boolean lost) {
    this.lost = lost;
  }
}
