package io.tokenjoule.account;

/**
 * How the energy of one GPU over one tick was divided among the servers running on it; the {@code
 * method} label of {@code tokenjoule_server_attributed_energy_joules_total}. Decided per GPU per
 * tick, first match wins:
 *
 * <ol>
 *   <li>{@link #EXCLUSIVE}: one server runs on the GPU and takes all of it.
 *   <li>{@link #SM_UTILIZATION}: per-process SM utilisation is available for the interval, every
 *       server on the GPU has known process ids, and their utilisation adds up to more than 0. Each
 *       server takes its processes' share of the utilisation of all processes on the GPU; the share
 *       of processes that belong to no server is left unattributed.
 *   <li>{@link #TOKEN_SHARE}: tokens flowed. Each server takes its share of the token rate (prompt
 *       and generated) of all servers on the GPU.
 *   <li>{@link #IDLE_EVEN}: nothing ran; the servers split the GPU's idle energy evenly.
 * </ol>
 *
 * <p>{@link #HOST} is not a GPU's: it is the host's own energy (CPU packages and DRAM, from RAPL),
 * charged to every server when {@code energy.include} has {@code host}, split among them by their
 * share of the token rate, evenly while idle, whole to a server alone.
 */
public enum AttributionMethod {
  EXCLUSIVE("exclusive"),
  SM_UTILIZATION("sm_utilization"),
  TOKEN_SHARE("token_share"),
  IDLE_EVEN("idle_even"),
  HOST("host");

  private final String label;

  AttributionMethod(String label) {
    this.label = label;
  }

  /** The value of the {@code method} label. */
  public String label() {
    return label;
  }
}
