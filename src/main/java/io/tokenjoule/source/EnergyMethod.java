package io.tokenjoule.source;

/**
 * How a GPU's energy counter was obtained; exported as a label so nobody mistakes one for the
 * other.
 */
public enum EnergyMethod {
  /** The device's own firmware-integrated energy counter (NVML total energy, Volta and newer). */
  COUNTER("counter"),
  /** Sampled power integrated by the agent with the trapezoid rule: lags and misses transients. */
  POWER_INTEGRATION("power_integration");

  private final String label;

  EnergyMethod(String label) {
    this.label = label;
  }

  /** The Prometheus label value. */
  public String label() {
    return label;
  }
}
